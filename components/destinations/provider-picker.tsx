"use client";
import { RadioGroup, RadioTile } from "@/components/ui/radio-group";
import { PROVIDER_PRESETS, PROVIDERS, type Provider } from "@/lib/destinations/provider-presets";

type ProviderPickerProps = {
  value: Provider;
  onChange: (provider: Provider) => void;
  labelledBy: string;
};

function isProvider(value: string): value is Provider {
  return (PROVIDERS as readonly string[]).includes(value);
}

export function ProviderPicker({ value, onChange, labelledBy }: ProviderPickerProps) {
  return (
    <RadioGroup
      aria-labelledby={labelledBy}
      value={value}
      onValueChange={(next) => isProvider(next) && onChange(next)}
      className="grid-cols-2 sm:grid-cols-4"
    >
      {PROVIDERS.map((provider) => (
        <RadioTile key={provider} value={provider}>
          {PROVIDER_PRESETS[provider].label}
        </RadioTile>
      ))}
    </RadioGroup>
  );
}
