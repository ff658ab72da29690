/** Public surface of the orders module (filled in as code moves here from cloudfunctions/_shared). */
export {};
