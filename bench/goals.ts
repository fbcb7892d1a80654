/**
 * The goals of issue 14, each with the figure the issue measured ("today")
 * and this run's, side by side, and whether the goal is met. `npm run bench`
 * prints this table first.
 */

export interface Goal {
  readonly figure: string;
  readonly today: string;
  readonly now: string;
  readonly goal: string;
  readonly met: boolean;
  readonly note: string;
}

export function renderGoals(goals: readonly Goal[]): string {
  const rows = [
    ['figure', 'today (issue 14)', 'this run', 'goal', 'met', 'note'],
    ...goals.map((goal) => [goal.figure, goal.today, goal.now, goal.goal, goal.met ? 'yes' : 'NO', goal.note]),
  ];
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  const line = (row: readonly string[]): string => `| ${row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  const [header, ...body] = rows;
  return [line(header ?? []), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...body.map(line)].join('\n');
}
