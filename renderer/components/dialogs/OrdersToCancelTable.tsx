import type { Order } from '../../../shared/domain';
import { orderPhrase } from '../../lib/orders';

/** The working orders a confirmation will cancel, one row each, as the dialog opened with them. */
export function OrdersToCancelTable({ orders, label, rowTestId }: { orders: readonly Order[]; label: string; rowTestId: (order: Order) => string }) {
  return (
    <table className="result-table" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">Symbol</th>
          <th scope="col">Order</th>
          <th scope="col">Status</th>
          <th scope="col">Order id</th>
        </tr>
      </thead>
      <tbody>
        {orders.map((order) => (
          <tr key={order.id} data-testid={rowTestId(order)}>
            <td>
              <strong>{order.symbol}</strong>
            </td>
            <td>{orderPhrase(order)}</td>
            <td>{order.status}</td>
            <td className="mono">{order.id}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
