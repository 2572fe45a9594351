import type { FormEvent } from "react";

/**
 * A submit handler that passes the form's data on, instead of <form action>: React resets a form
 * after its action, which would wipe what the admin typed whenever the server answers with a
 * validation error.
 */
export function onFormSubmit(handler: (data: FormData) => void) {
  return (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    handler(new FormData(event.currentTarget));
  };
}
