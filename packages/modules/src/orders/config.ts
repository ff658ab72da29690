/** Operating rules that differ per deployment, from the function's environment (cloudbaserc.json envVariables). */
const num = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};

/** Zero allowed (a test may ask the expiry job to treat every unfinished create as dead). */
const seconds = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return process.env[name] !== undefined && Number.isFinite(v) && v >= 0 ? v : fallback;
};

export const orderConfig = () => ({
  payTimeoutMin: num('ORDER_PAY_TIMEOUT_MIN', 15),
  acceptTimeoutMin: num('ORDER_ACCEPT_TIMEOUT_MIN', 10),
  autoCompleteHours: num('ORDER_AUTO_COMPLETE_HOURS', 24),
  // How long an order may stay `reserving` before its create is taken for dead and its holds are given back: three
  // times the order function's 20 s timeout, so no create that is still running can take a hold after that.
  reserveGraceS: seconds('ORDER_RESERVE_GRACE_S', 60),
  // Failed requests to the gateway before the refund job marks a refund abnormal for staff (a refusal ends it at once).
  refundMaxAttempts: num('REFUND_MAX_ATTEMPTS', 5),
});
