/** The frame of the Beheer edit dialogs (school, user): a general error on top, Annuleren / Opslaan below. */
import { Alert, Button, Group, Stack } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import { t } from '../../messages';
import { readableErrors } from './api';

export function EditForm({
  onSubmit,
  onCancel,
  general,
  saving,
  children,
}: {
  onSubmit: (e: FormEvent) => void;
  onCancel: () => void;
  /** an error that belongs to no single field */
  general?: string | null;
  saving: boolean;
  children: ReactNode;
}) {
  return (
    <form onSubmit={onSubmit} noValidate style={readableErrors}>
      <Stack gap="sm">
        {general && (
          <Alert color="red" variant="light" role="alert">
            {general}
          </Alert>
        )}
        {children}
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onCancel}>
            {t.cancel}
          </Button>
          <Button type="submit" loading={saving}>
            {t.save}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
