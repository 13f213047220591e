/** The ages the Sent tab filters and bulk-withdraws by (design/ui.md). */
export const AGES: { days: number; label: string }[] = [
  { days: 7, label: '1 week' },
  { days: 30, label: '1 month' },
  { days: 90, label: '3 months' },
  { days: 180, label: '6 months' },
];

export function ageLabel(days: number): string {
  return AGES.find((age) => age.days === days)?.label ?? `${days} days`;
}
