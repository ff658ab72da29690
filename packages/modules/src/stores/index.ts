/** Public surface of the stores module (filled in as code moves here from cloudfunctions/_shared). */
export {};
