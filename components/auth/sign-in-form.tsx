"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { signIn } from "@/lib/users/sign-in-actions";
import { Button } from "@/components/ui/button";
import { signInSchema, type SignInInput } from "@/lib/users/user-schema";
import { AuthFormField } from "./auth-form-field";

export function SignInForm() {
  const form = useForm<SignInInput>({ resolver: zodResolver(signInSchema), defaultValues: { email: "", password: "" } });
  const { errors, isSubmitting } = form.formState;

  const submit = form.handleSubmit(async (values) => {
    try {
      const result = await signIn(values);
      // A full navigation, so every server component renders with the new session cookie.
      if (result.ok) return window.location.assign("/settings/observability");
      form.setError("root", { message: result.formError ?? Object.values(result.fieldErrors ?? {}).flat().join(" ") });
    } catch {
      form.setError("root", { message: "Could not sign in. Check your connection and try again." });
    }
  });

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <AuthFormField id="sign-in-email" label="Email" type="email" autoComplete="username" autoFocus error={errors.email?.message} {...form.register("email")} />
      <AuthFormField id="sign-in-password" label="Password" type="password" autoComplete="current-password" error={errors.password?.message} {...form.register("password")} />
      {errors.root?.message && (
        <p role="alert" className="text-sm font-medium text-destructive">
          {errors.root.message}
        </p>
      )}
      <Button type="submit" disabled={isSubmitting} className="w-full">
        {isSubmitting ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
