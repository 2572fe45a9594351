/**
 * A safe action used directly as a plain <form action> (works before JavaScript loads). React
 * types form actions as returning void; the action's result is simply not read there.
 */
export function asFormAction<T>(action: (input: FormData) => Promise<T>): (formData: FormData) => Promise<void> {
  return action as unknown as (formData: FormData) => Promise<void>;
}
