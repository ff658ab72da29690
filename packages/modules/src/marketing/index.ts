/** Public surface of the marketing module (filled in as code moves here from cloudfunctions/_shared). */
export {};
