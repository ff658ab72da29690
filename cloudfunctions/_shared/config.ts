/** Operating rules that differ per deployment, from the function's environment (cloudbaserc.json envVariables). */
const num = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};

export const orderConfig = () => ({
  payTimeoutMin: num('ORDER_PAY_TIMEOUT_MIN', 15),
  acceptTimeoutMin: num('ORDER_ACCEPT_TIMEOUT_MIN', 10),
  autoCompleteHours: num('ORDER_AUTO_COMPLETE_HOURS', 24),
});
