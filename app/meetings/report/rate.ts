/** Attendance as a share of the invited, e.g. 87.5%; "—" when nobody was invited. */
export const attendanceRate = (present: number, invited: number) => (invited ? `${Math.round((present / invited) * 1000) / 10}%` : "—");
