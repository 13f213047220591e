import {
  useMutation,
  type DefaultError,
  type UseMutateFunction,
  type UseMutationOptions,
  type UseMutationResult,
} from '@tanstack/react-query';
import { useCallback, useRef } from 'react';

/**
 * `useMutation` that ignores a second call while the first is still in flight, so a
 * double-click (or Enter pressed twice) sends one request, not two.
 *
 * `isPending`, which disables the button, reaches React only after TanStack Query's next
 * notification tick, so a second click can land before the button knows it is busy: this guard
 * is a ref, set synchronously by the first call and cleared when it settles. `keyOf` names
 * what counts as "the same" action (by default, any call of this hook): accepting two different
 * rows at once is fine, accepting the same one twice is not.
 */
export function useSingleFlightMutation<
  TData = unknown,
  TError = DefaultError,
  TVariables = void,
  TOnMutateResult = unknown,
>(
  options: UseMutationOptions<TData, TError, TVariables, TOnMutateResult>,
  keyOf: (variables: TVariables) => string = () => '',
): UseMutationResult<TData, TError, TVariables, TOnMutateResult> {
  const inFlight = useRef(new Set<string>());
  const key = useRef(keyOf);
  key.current = keyOf;
  const mutation = useMutation({
    ...options,
    onSettled: (data, error, variables, onMutateResult, context) => {
      inFlight.current.delete(key.current(variables));
      return options.onSettled?.(data, error, variables, onMutateResult, context);
    },
  });
  const { mutate: run } = mutation;
  const mutate = useCallback<UseMutateFunction<TData, TError, TVariables, TOnMutateResult>>(
    (...args) => {
      // A mutation without variables is called with none: `undefined` is its variables then.
      const id = key.current(args[0] as TVariables);
      if (inFlight.current.has(id)) return;
      inFlight.current.add(id);
      run(...args);
    },
    [run],
  );
  return { ...mutation, mutate };
}
