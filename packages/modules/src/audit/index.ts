/** Public surface of the audit module (filled in as code moves here from cloudfunctions/_shared). */
export {};
