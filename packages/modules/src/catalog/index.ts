/** Public surface of the catalog module (filled in as code moves here from cloudfunctions/_shared). */
export {};
