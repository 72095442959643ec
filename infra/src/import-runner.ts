import {
  createRuntime,
  openModuleDatabases,
  RequestContext,
  type ImportProgress,
  type ImportResult,
  type ModuleDatabase,
  type ModuleDefinition,
} from "@tongxin/sdk";
import {
  exportMembersRoster,
  importMembersRoster,
  membersModule,
  membersRosterTemplate,
  ROSTER_SHEET,
} from "@tongxin/members";
import {
  ATTENDANCE_SHEET,
  exportTrainingAttendance,
  importTrainingAttendance,
  trainingAttendanceTemplate,
  trainingModule,
} from "@tongxin/training";
import {
  ACTIVITY_SHEET,
  exportStudios,
  importStudios,
  STUDIO_ROSTER_SHEET,
  studiosModule,
  studiosTemplate,
} from "@tongxin/studios";

/**
 * The spreadsheets a committee imports from the command line, each owned by its module.
 * The CLI runs the module's own import service in process against DATABASE_URL, as the
 * committee's office (STAFF of --committee): the same checks and the same transaction as
 * the GraphQL mutation, plus progress on the terminal for large files.
 */
export interface ImportKind {
  name: string;
  /** A workbook holding one of these sheets is this kind. */
  sheets: string[];
  module: ModuleDefinition;
  run(
    ctx: RequestContext,
    o: { committee: string; data: Buffer; dryRun: boolean; onProgress: ImportProgress },
  ): Promise<ImportResult>;
  template(ctx: RequestContext, committee: string): Promise<Buffer>;
  export(ctx: RequestContext, committee: string): Promise<Buffer>;
}

export const IMPORT_KINDS: ImportKind[] = [
  {
    name: "roster",
    sheets: [ROSTER_SHEET.name],
    module: membersModule,
    run: (ctx, o) => importMembersRoster(ctx, o),
    template: (ctx) => membersRosterTemplate(ctx),
    export: (ctx, committee) => exportMembersRoster(ctx, committee),
  },
  {
    name: "attendance",
    sheets: [ATTENDANCE_SHEET.name],
    module: trainingModule,
    run: (ctx, o) => importTrainingAttendance(ctx, o),
    template: (ctx, committee) => trainingAttendanceTemplate(ctx, committee),
    export: (ctx, committee) => exportTrainingAttendance(ctx, committee),
  },
  {
    name: "studios",
    sheets: [STUDIO_ROSTER_SHEET.name, ACTIVITY_SHEET.name],
    module: studiosModule,
    run: (ctx, o) => importStudios(ctx, o),
    template: (ctx, committee) => studiosTemplate(ctx, committee),
    export: (ctx, committee) => exportStudios(ctx, committee),
  },
];

/** The kind of an uploaded workbook, from its sheet names (read without parsing the rows). */
export async function kindOfWorkbook(data: Buffer): Promise<ImportKind | null> {
  const { ExcelJS } = await import("@tongxin/sdk");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as never);
  const names = new Set(wb.worksheets.map((w) => w.name));
  return IMPORT_KINDS.find((k) => k.sheets.some((s) => names.has(s))) ?? null;
}

export interface InProcessModule {
  ctx: RequestContext;
  databases: Map<string, ModuleDatabase>;
  close(): Promise<void>;
}

/**
 * Opens (and migrates) the module's database, with the members module's beside it (the
 * committee tree and the register come from there, in process, as in the members
 * subgraph), and gives a context acting as the committee's office.
 */
export async function openAsStaff(
  module: ModuleDefinition,
  databaseUrl: string,
  committee: string,
  internalSecret: string,
  membersUrl: string,
): Promise<InProcessModule> {
  const modules = module === membersModule ? [membersModule] : [membersModule, module];
  const databases = await openModuleDatabases(modules, databaseUrl, true);
  const runtime = createRuntime(modules, databases, { internalSecret, membersUrl });
  const ctx = new RequestContext(
    { role: "STAFF", committee, subject: `staff:${committee}`, name: "import-cli" },
    runtime,
  );
  return {
    ctx,
    databases,
    close: async () => {
      await Promise.all([...databases.values()].map((d) => d.dataSource.destroy()));
    },
  };
}

export function printResult(result: ImportResult, out: (s: string) => void = console.log): void {
  for (const e of result.errors) out(`  ✗ ${e.cell}  ${e.column ? `[${e.column}] ` : ""}${e.message}`);
  for (const w of result.warnings) out(`  ! ${w.cell}  ${w.message}`);
  out(
    `${result.rows} rows: ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged; ` +
      (result.errors.length
        ? `${result.errors.length} errors, nothing written`
        : result.dryRun
          ? "dry run, nothing written"
          : result.written
            ? "written"
            : "nothing to write"),
  );
}
