"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { createOwner } from "@/lib/users/setup-actions";
import { Button } from "@/components/ui/button";
import { MIN_PASSWORD_LENGTH, ownerSchema, type OwnerInput } from "@/lib/users/user-schema";
import { AuthFormField } from "./auth-form-field";

/** `token` comes from the setup link; it travels with the form and is checked by createOwner. */
export function OwnerSetupForm({ token }: { token: string }) {
  const form = useForm<OwnerInput>({ resolver: zodResolver(ownerSchema), defaultValues: { name: "", email: "", password: "" } });
  const { errors, isSubmitting } = form.formState;

  const submit = form.handleSubmit(async (values) => {
    try {
      const result = await createOwner({ ...values, token });
      if (result.ok) return window.location.assign("/settings/observability");
      for (const [field, messages] of Object.entries(result.fieldErrors ?? {})) {
        form.setError(field as keyof OwnerInput, { message: messages.join(" ") });
      }
      if (result.formError) form.setError("root", { message: result.formError });
    } catch {
      form.setError("root", { message: "Could not create the account. Check your connection and try again." });
    }
  });

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <AuthFormField id="owner-name" label="Name" autoComplete="name" autoFocus error={errors.name?.message} {...form.register("name")} />
      <AuthFormField id="owner-email" label="Email" type="email" autoComplete="username" error={errors.email?.message} {...form.register("email")} />
      <AuthFormField
        id="owner-password"
        label="Password"
        type="password"
        autoComplete="new-password"
        hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
        error={errors.password?.message}
        {...form.register("password")}
      />
      {errors.root?.message && (
        <p role="alert" className="text-sm font-medium text-destructive">
          {errors.root.message}
        </p>
      )}
      <Button type="submit" disabled={isSubmitting} className="w-full">
        {isSubmitting ? "Creating…" : "Create owner account"}
      </Button>
    </form>
  );
}
