import { readFile } from 'node:fs/promises';
import { writeFileAtomically } from '../atomicWrite';
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { connectionProfileSchema, type ConnectionProfile } from './profile';

/** The saved connections. Names are unique ignoring case, and lookups ignore case too. */
export interface ProfileStore {
  list(): Promise<ConnectionProfile[]>;
  get(name: string): Promise<ConnectionProfile | undefined>;
  /** Throws AppError 'connection_exists' (field 'name') when the name is taken, ignoring case. */
  add(profile: ConnectionProfile): Promise<void>;
  remove(name: string): Promise<boolean>;
  /** Replaces the saved profile of the same name (any case); throws AppError 'not_found' when there is none. */
  update(profile: ConnectionProfile): Promise<void>;
}

const profileFileSchema = z
  .object({ version: z.literal(1), connections: z.array(connectionProfileSchema) })
  .strict()
  .superRefine((file, context) => {
    const seen = new Set<string>();
    file.connections.forEach((profile, index) => {
      const key = profile.name.toLowerCase();
      if (seen.has(key)) context.addIssue({ code: 'custom', path: ['connections', index, 'name'], message: `"${profile.name}" appears twice` });
      seen.add(key);
    });
  });

interface ProfileBackend {
  load(): Promise<ConnectionProfile[]>;
  save(profiles: ConnectionProfile[]): Promise<void>;
}

/**
 * Profiles in one JSON file ({version: 1, connections: [...]}), rewritten whole through a temp file and a rename so a
 * crash leaves either the old or the new file, never half of one. A file that does not parse is reported, never replaced.
 */
export function createJsonProfileStore(filePath: string): ProfileStore {
  return createProfileStore({
    async load() {
      let text: string;
      try {
        text = await readFile(filePath, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw new AppError({ code: 'internal', message: `Closeout could not read the connections file ${filePath}: ${(error as Error).message}` });
      }
      return parseProfileFile(filePath, text);
    },
    save: (profiles) => writeFileAtomically(filePath, `${JSON.stringify({ version: 1, connections: profiles }, null, 2)}\n`, 'the connections file'),
  });
}

/** Profiles that live as long as the process: for tests and demo mode. */
export function createMemoryProfileStore(initial: ConnectionProfile[] = []): ProfileStore {
  let saved = initial.map(validProfile);
  return createProfileStore({
    load: async () => saved,
    save: async (profiles) => {
      saved = profiles;
    },
  });
}

function createProfileStore(backend: ProfileBackend): ProfileStore {
  // One change at a time, so two adds in flight cannot both read the old list and lose one of them.
  let queue: Promise<unknown> = Promise.resolve();
  const serialized = <T>(work: () => Promise<T>): Promise<T> => {
    const result = queue.then(work);
    queue = result.catch(() => undefined);
    return result;
  };
  const find = (profiles: ConnectionProfile[], name: string) => profiles.find((profile) => sameName(profile.name, name));

  return {
    list: () => serialized(async () => (await backend.load()).map(copy)),
    get: (name) =>
      serialized(async () => {
        const found = find(await backend.load(), name);
        return found && copy(found);
      }),
    add: (profile) =>
      serialized(async () => {
        const valid = validProfile(profile);
        const profiles = await backend.load();
        if (find(profiles, valid.name)) {
          throw new AppError({ code: 'connection_exists', field: 'name', message: `A connection named "${valid.name}" already exists.` });
        }
        await backend.save([...profiles, valid]);
      }),
    update: (profile) =>
      serialized(async () => {
        const valid = validProfile(profile);
        const profiles = await backend.load();
        if (!find(profiles, valid.name)) throw new AppError({ code: 'not_found', field: 'name', message: `No connection is named "${valid.name}".` });
        await backend.save(profiles.map((held) => (sameName(held.name, valid.name) ? valid : held)));
      }),
    remove: (name) =>
      serialized(async () => {
        const profiles = await backend.load();
        const kept = profiles.filter((profile) => !sameName(profile.name, name));
        if (kept.length === profiles.length) return false;
        await backend.save(kept);
        return true;
      }),
  };
}

function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function copy(profile: ConnectionProfile): ConnectionProfile {
  return { ...profile };
}

/** Checked on the way in as well as on the way out, so nothing the file would refuse is ever written to it. */
function validProfile(profile: ConnectionProfile): ConnectionProfile {
  const parsed = connectionProfileSchema.safeParse(profile);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.join('.') || 'profile';
  throw new AppError({ code: 'validation', field, outcome: 'not_sent', message: `${field} ${issue?.message ?? 'is not valid'}` });
}

function parseProfileFile(filePath: string, text: string): ConnectionProfile[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // Not the parser's message: it quotes file content, which has no business in an error.
    throw corruptFile(filePath, 'it is not valid JSON');
  }
  const parsed = profileFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    throw corruptFile(filePath, `${issue?.message ?? 'it does not match the expected shape'}${where}`);
  }
  return parsed.data.connections;
}

function corruptFile(filePath: string, reason: string): AppError {
  return new AppError({
    code: 'internal',
    message: `The connections file ${filePath} is damaged: ${reason}. Closeout left it untouched; fix it or move it aside, then try again.`,
  });
}

