/** Public surface of the accounts module (filled in as code moves here from cloudfunctions/_shared). */
export {};
