import { MAX_ACCOUNT_LIST_BYTES } from '../../../shared/accountList';

/** The text of a file the person picked, read in the page (FileReader): it never goes to the main process as a path. */
export function readTextFile(file: File): Promise<string> {
  if (file.size > MAX_ACCOUNT_LIST_BYTES) {
    return Promise.reject(new Error(`${file.name} is ${Math.ceil(file.size / 1024)} KB; an account list is at most ${MAX_ACCOUNT_LIST_BYTES / 1024 / 1024} MB.`));
  }
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '');
    reader.onerror = () => reject(new Error(`${file.name} could not be read: ${reader.error?.message ?? 'unknown error'}.`));
    reader.readAsText(file);
  });
}
