"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { createUser } from "@/lib/users/user-actions";
import { AuthFormField } from "@/components/auth/auth-form-field";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { ROLES } from "@/lib/core/roles";
import { createUserSchema, MIN_PASSWORD_LENGTH, type CreateUserInput } from "@/lib/users/user-schema";

export function CreateUserForm({ onCreated }: { onCreated: () => void }) {
  const form = useForm<CreateUserInput>({
    resolver: zodResolver(createUserSchema),
    defaultValues: { name: "", email: "", password: "", role: "viewer" },
  });
  const { errors, isSubmitting } = form.formState;
  // Said after the form clears, so the person sees what was created and can pass the details on.
  const [created, setCreated] = useState<string | null>(null);

  const submit = form.handleSubmit(async (values) => {
    setCreated(null);
    try {
      const result = await createUser(values);
      if (result.ok) {
        form.reset();
        setCreated(`Created ${result.data.email} as ${result.data.role}. They can sign in now with the password you chose.`);
        return onCreated();
      }
      for (const [field, messages] of Object.entries(result.fieldErrors ?? {})) {
        form.setError(field as keyof CreateUserInput, { message: messages.join(" ") });
      }
      if (result.formError) form.setError("root", { message: result.formError });
    } catch {
      form.setError("root", { message: "The user could not be created. Check your connection and try again." });
    }
  });

  return (
    <form onSubmit={submit} noValidate className="grid gap-4 sm:grid-cols-2">
      <AuthFormField id="new-user-name" label="Name" autoComplete="off" error={errors.name?.message} {...form.register("name")} />
      <AuthFormField id="new-user-email" label="Email" type="email" autoComplete="off" error={errors.email?.message} {...form.register("email")} />
      <AuthFormField
        id="new-user-password"
        label="Password"
        type="password"
        autoComplete="new-password"
        hint={`At least ${MIN_PASSWORD_LENGTH} characters. Share it with them privately.`}
        error={errors.password?.message}
        {...form.register("password")}
      />
      <div className="space-y-1.5">
        <Label htmlFor="new-user-role">Role</Label>
        <select id="new-user-role" className="h-9 w-full rounded-md border bg-background px-2 text-sm capitalize" {...form.register("role")}>
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {role}
            </option>
          ))}
        </select>
      </div>
      {errors.root?.message && (
        <p role="alert" className="text-sm font-medium text-destructive sm:col-span-2">
          {errors.root.message}
        </p>
      )}
      <p role="status" className="text-sm text-emerald-700 sm:col-span-2 empty:hidden dark:text-emerald-400">
        {created}
      </p>
      <div className="sm:col-span-2">
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? "Creating…" : "Create user"}
        </Button>
      </div>
    </form>
  );
}
