/** Programs the way a textbook writes them, shared by tests that try the app at a real network's size. */

/** The Mazur-style 2-2-2 sigmoid network with shared biases and a squared-error loss (68 scalar steps). */
export const MAZUR_2_2_2 = `i1 = 0.05
i2 = 0.10
w1 = 0.15
w2 = 0.20
w3 = 0.25
w4 = 0.30
w5 = 0.40
w6 = 0.45
w7 = 0.50
w8 = 0.55
b1 = 0.35
b2 = 0.60
t1 = 0.01
t2 = 0.99
h1 = sigmoid(w1*i1 + w2*i2 + b1)
h2 = sigmoid(w3*i1 + w4*i2 + b1)
o1 = sigmoid(w5*h1 + w6*h2 + b2)
o2 = sigmoid(w7*h1 + w8*h2 + b2)
E = 0.5(t1 - o1)^2 + 0.5(t2 - o2)^2
`;
