import { z } from "zod";
import { ROLES } from "../core/roles";

// One schema per form, imported by the client form and the server action alike.

const email = z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address."));
const name = z.string().trim().min(1, "Enter a name.").max(100, "Keep the name under 100 characters.");
export const MIN_PASSWORD_LENGTH = 10;
const password = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(256, "Use at most 256 characters.");

export const signInSchema = z.object({ email, password: z.string().min(1, "Enter your password.").max(256) });
export type SignInInput = z.infer<typeof signInSchema>;

export const ownerSchema = z.object({ name, email, password });
export type OwnerInput = z.infer<typeof ownerSchema>;
/** What /setup sends: the form plus the token from the link printed in the start-up log. */
export const ownerSetupSchema = ownerSchema.extend({ token: z.string().max(200).optional() });

export const createUserSchema = z.object({ name, email, password, role: z.enum(ROLES) });
export type CreateUserInput = z.infer<typeof createUserSchema>;
