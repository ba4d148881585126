/** A searched order or enrollment number: "12" or "#12". */
export function searchedNumber(q: string): number | null {
  const m = /^#?(\d{1,9})$/.exec(q.trim());
  return m ? Number(m[1]) : null;
}
