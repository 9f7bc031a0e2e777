/**
 * The API's enums as the web app lists their choices. `exactly<U>()(list)` is a compile error
 * unless `list` holds every member of the generated type `U` and nothing else, so a list follows
 * the API (its order stays the app's own).
 */
export const exactly =
  <U>() =>
  <T extends readonly U[]>(list: T & ([U] extends [T[number]] ? unknown : never)): T =>
    list;
