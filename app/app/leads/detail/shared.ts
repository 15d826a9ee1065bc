/** The heading style shared by the lead page's cards. */
export const h2 = "text-base font-semibold text-slate-900 dark:text-white";
