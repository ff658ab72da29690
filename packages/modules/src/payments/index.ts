/** Public surface of the payments module (filled in as code moves here from cloudfunctions/_shared). */
export {};
