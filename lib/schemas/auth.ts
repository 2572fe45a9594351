import { z } from "zod";

/** Sign-in form and credentials provider input; messages are catalogue keys under "login". */
export const ZSignIn = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .max(254)
    .pipe(z.email({ error: "invalidInput" })),
  password: z.string().min(1, { error: "invalidInput" }).max(200),
});
