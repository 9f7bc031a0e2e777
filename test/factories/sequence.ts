// One counter for every factory that makes seasons, so two never pick the same name in a region.
let year = 2100 + Math.floor(Math.random() * 5000);

export function nextSeasonYear(): number {
  year += 1;
  return year;
}
