/**
 * data-* attributes for props objects typed without them (antd okButtonProps, Table onRow):
 * spread the result in, since spreads escape the excess-property check.
 * testId('ranking-row', { 'entry-id': 'B1' }) → { 'data-testid': 'ranking-row', 'data-entry-id': 'B1' }
 */
export function testId(id: string, data: Record<string, string> = {}): Record<string, string> {
  const attributes: Record<string, string> = { 'data-testid': id };
  for (const [name, value] of Object.entries(data)) attributes[`data-${name}`] = value;
  return attributes;
}
