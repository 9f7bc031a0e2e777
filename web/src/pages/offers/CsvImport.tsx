/**
 * "CSV-bestand uploaden": choose a file, "Controleren" sends it with ?dryRun=true and shows every
 * row (new, or old → new places) and every bad line; only then "Importeren" sends the same file
 * for real. Nothing is saved unless every line is right (the API is all or nothing).
 */
import {
  Alert,
  Badge,
  Button,
  FileInput,
  Group,
  List,
  Paper,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconFileSpreadsheet } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError, download, rawFetch, toApiError, type Schemas } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { ErrorAlert, Pager } from '../../components/ui';
import { formatNumber, t } from '../../messages';
import type { OfferSchool } from './OffersEditor';

type Preview = Schemas['ImportPreview'];
type LineError = Schemas['ImportLineError'];

const PAGE = 50;

async function upload(seasonId: string, file: File, dryRun: boolean): Promise<unknown> {
  const body = new FormData();
  body.append('file', file, file.name);
  const res = await rawFetch(
    `/api/seasons/${seasonId}/offers/import${dryRun ? '?dryRun=true' : ''}`,
    { method: 'POST', body },
  ).catch(() => {
    throw new ApiError(0, 'network');
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw toApiError(res.status, json);
  return json;
}

const fieldName = (field: string) => t.offers.fieldNames[field] ?? field;

export function CsvImport({
  seasonId,
  school,
}: {
  seasonId: string;
  /** null: the bureau, for every school (the template then holds every school) */
  school: OfferSchool | null;
}) {
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [page, setPage] = useState(1);
  /** errors of a refused import (400), shown like the preview's */
  const [importErrors, setImportErrors] = useState<LineError[] | null>(null);

  const check = useMutation({
    mutationFn: (f: File) => upload(seasonId, f, true) as Promise<Preview>,
    onMutate: () => {
      setPreview(null);
      setImportErrors(null);
      setPage(1);
    },
    onSuccess: (p) => setPreview(p),
  });

  const run = useMutation({
    mutationFn: (f: File) => upload(seasonId, f, false) as Promise<Schemas['ImportedOffers']>,
    onMutate: () => setImportErrors(null),
    onSuccess: async (res) => {
      notifications.show({
        color: 'green',
        title: t.offers.importedTitle,
        message: t.offers.imported(res.imported),
      });
      setFile(null);
      setPreview(null);
      check.reset();
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['offers'] }),
        queryClient.invalidateQueries({ queryKey: ['supply-demand'] }),
      ]);
    },
    onError: (err) => {
      if (err instanceof ApiError && err.problems.length) {
        setImportErrors(
          err.problems.map((p) => ({
            line: p.row ?? 0,
            field: p.field ?? 'csv',
            message: p.message,
          })),
        );
      }
    },
  });

  const template = useMutation({
    mutationFn: () =>
      download(
        `/api/seasons/${seasonId}/offers/template.csv${school ? `?schoolId=${encodeURIComponent(school.id)}` : ''}`,
        t.offers.templateFile,
      ),
    onError: (err) => notifications.show({ color: 'red', message: errorMessage(err) }),
  });

  const chooseFile = (f: File | null) => {
    setFile(f);
    setPreview(null);
    setImportErrors(null);
    check.reset();
    run.reset();
  };

  const errors = importErrors ?? preview?.errors ?? [];
  const byLine = new Map<number, LineError[]>();
  for (const e of errors) byLine.set(e.line, [...(byLine.get(e.line) ?? []), e]);
  const rows = preview?.rows ?? [];
  const shown = rows.slice((page - 1) * PAGE, page * PAGE);

  return (
    <Paper withBorder p="lg" component="section">
      <Group justify="space-between" align="flex-start" mb="xs" wrap="wrap" gap="sm">
        <Title order={2} size="h4" id="csv-title">
          {t.offers.csvTitle}
        </Title>
        <Button
          variant="light"
          leftSection={<IconDownload size={16} aria-hidden />}
          onClick={() => template.mutate()}
          loading={template.isPending}
        >
          {t.offers.template}
        </Button>
      </Group>
      <Text size="sm" mb={4}>
        {t.offers.csvIntro}
      </Text>
      <Text size="sm" c="dimmed" mb="md">
        {school ? '' : `${t.offers.csvAllSchools} `}
        {t.offers.csvAllOrNothing}
      </Text>

      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (file) check.mutate(file);
        }}
      >
        <Group align="flex-end" gap="sm" wrap="wrap">
          <FileInput
            label={t.offers.file}
            description={t.offers.fileHint}
            placeholder={t.offers.filePlaceholder}
            accept=".csv,text/csv"
            value={file}
            onChange={chooseFile}
            clearable
            leftSection={<IconFileSpreadsheet size={16} aria-hidden />}
            w={380}
          />
          <Button type="submit" variant="default" disabled={!file} loading={check.isPending}>
            {t.offers.check}
          </Button>
          <Button
            onClick={() => file && run.mutate(file)}
            disabled={!file || !preview?.valid}
            loading={run.isPending}
          >
            {t.offers.import}
          </Button>
        </Group>
      </form>
      {file && !preview && !check.isPending && !check.error && (
        <Text size="sm" c="dimmed" mt="xs">
          {t.offers.checkFirst}
        </Text>
      )}

      <Stack gap="md" mt="md" aria-live="polite">
        {check.error && <ErrorAlert error={check.error} />}
        {run.error && !importErrors && <ErrorAlert error={run.error} />}

        {preview && (
          <Alert
            color={preview.valid && !importErrors ? 'green' : 'red'}
            variant="light"
            title={t.offers.previewTitle}
            role={preview.valid ? 'status' : 'alert'}
          >
            <Text size="sm">
              {t.offers.previewSummary(
                preview.rows.length,
                preview.created,
                preview.changed,
                preview.unchanged,
              )}
            </Text>
            <Text size="sm" fw={600} mt={4}>
              {preview.valid && !importErrors
                ? t.offers.previewValid
                : t.offers.previewInvalid(errors.length)}
            </Text>
          </Alert>
        )}

        {errors.length > 0 && (
          <div role={preview ? undefined : 'alert'}>
            <Title order={3} size="h5" mb={4}>
              {t.offers.errorsTitle}
            </Title>
            <List size="sm" spacing={2}>
              {errors.map((e, i) => (
                <List.Item key={`${e.line}-${e.field}-${i}`}>
                  {t.offers.errorLine(e.line, fieldName(e.field), e.message)}
                </List.Item>
              ))}
            </List>
          </div>
        )}

        {preview && rows.length > 0 && (
          <div>
            <Table.ScrollContainer minWidth={760}>
              <Table striped verticalSpacing={4} fz="sm">
                <caption style={{ captionSide: 'top', textAlign: 'left', fontWeight: 600 }}>
                  {t.offers.previewCaption}
                </caption>
                <Table.Thead>
                  <Table.Tr style={{ whiteSpace: 'nowrap' }}>
                    <Table.Th scope="col">{t.offers.line}</Table.Th>
                    <Table.Th scope="col">{t.offers.schoolCol}</Table.Th>
                    <Table.Th scope="col">{t.offers.grade}</Table.Th>
                    <Table.Th scope="col">{t.offers.level}</Table.Th>
                    <Table.Th scope="col">{t.offers.profile}</Table.Th>
                    <Table.Th scope="col" ta="right">
                      {t.offers.capacity}
                    </Table.Th>
                    <Table.Th scope="col">{t.offers.change}</Table.Th>
                    <Table.Th scope="col">{t.offers.status}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {shown.map((r) => {
                    const bad = byLine.get(r.line);
                    return (
                      <Table.Tr key={r.line}>
                        <Table.Td>{r.line}</Table.Td>
                        <Table.Td>
                          {r.schoolName ? (
                            <>
                              {r.schoolName}{' '}
                              <Text span c="dimmed" size="xs">
                                ({r.brin})
                              </Text>
                            </>
                          ) : (
                            t.offers.unknownSchool(r.brin)
                          )}
                        </Table.Td>
                        <Table.Td>{r.grade}</Table.Td>
                        <Table.Td>{r.level}</Table.Td>
                        <Table.Td>{r.profile || t.offers.noProfile}</Table.Td>
                        <Table.Td ta="right">{formatNumber(r.capacity)}</Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>
                          {r.change === 'new'
                            ? t.offers.changeNew
                            : r.change === 'changed'
                              ? t.offers.changeChanged(r.previousCapacity ?? 0, r.capacity)
                              : t.offers.changeUnchanged}
                        </Table.Td>
                        <Table.Td>
                          {r.valid && !bad ? (
                            <Badge variant="light" color="green" c="dark.8" tt="none">
                              {t.offers.rowOk}
                            </Badge>
                          ) : (
                            <Stack gap={2}>
                              <Badge variant="light" color="red" c="dark.8" tt="none">
                                {t.offers.rowBad}
                              </Badge>
                              {bad?.map((e, i) => (
                                <Text key={i} size="xs" c="red.9">
                                  {fieldName(e.field)}: {e.message}
                                </Text>
                              ))}
                            </Stack>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Pager page={page} total={rows.length} limit={PAGE} onChange={setPage} />
          </div>
        )}
      </Stack>
    </Paper>
  );
}
