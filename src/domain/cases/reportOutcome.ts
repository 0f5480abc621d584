/**
 * What came of a citizen journalist's report of someone left out, as the
 * officer records it. "enrolled" is what the report card counts as a report
 * that led to enrolment, and what a reporter's tally of people now receiving
 * support counts.
 */
export const REPORT_OUTCOMES = ['enrolled', 'already_receiving', 'not_eligible', 'not_found'] as const;
export type ReportOutcome = (typeof REPORT_OUTCOMES)[number];

export const isReportOutcome = (s: string): s is ReportOutcome => (REPORT_OUTCOMES as readonly string[]).includes(s);
