/** ∂num/∂den as LaTeX: the one spelling of a partial derivative in steps, handouts, hints and questions. */
export const partial = (num: string, den: string): string => `\\frac{\\partial ${num}}{\\partial ${den}}`;
