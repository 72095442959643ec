import { Directive, Field, Int, ObjectType } from "type-graphql";
import type { SheetProblem } from "./spreadsheet";

/**
 * The GraphQL face of imports, the same in every module (hence @shareable): a county
 * system calling `importMembersRoster` or `importTrainingAttendance` reads one shape.
 */
@ObjectType({ description: "导入文件中的一处问题 / one bad cell of an imported file" })
@Directive("@shareable")
export class ImportProblem implements SheetProblem {
  @Field({ description: "工作表, 如 委员名册" })
  sheet: string;

  @Field(() => Int, { description: "Excel 行号 (1 为表头, 0 为整个文件)" })
  row: number;

  @Field({ description: "列标题, 如 界别; 整行问题为空" })
  column: string;

  @Field({ description: "Excel 单元格地址, 如 委员名册!C7" })
  cell: string;

  @Field({ description: "中文 / English" })
  message: string;
}

@ObjectType({ description: "导入结果; 有 errors 时什么也没有写入 / with errors nothing was written" })
@Directive("@shareable")
export class ImportResult {
  @Field({ description: "true: 只检查, 未写入 / checked only" })
  dryRun: boolean;

  @Field({ description: "true: 已全部写入 (dryRun 为 false 且没有错误)" })
  written: boolean;

  @Field(() => Int, { description: "文件中的数据行 / data rows in the file" })
  rows: number;

  @Field(() => Int, { description: "新建的行 / rows that create a record" })
  created: number;

  @Field(() => Int, { description: "更新的行 / rows that change a record" })
  updated: number;

  @Field(() => Int, { description: "无变化的行 / rows already as in the database" })
  unchanged: number;

  @Field(() => [ImportProblem], { description: "所有问题; 非空时不写入任何数据" })
  errors: ImportProblem[];

  @Field(() => [ImportProblem], { description: "提示: 已导入但值得核对 (如他级政协维护的个人信息未改动)" })
  warnings: ImportProblem[];
}

@ObjectType({ description: "XLSX 文件 (base64) / an XLSX file, base64-encoded" })
@Directive("@shareable")
export class SpreadsheetFile {
  @Field({ description: "建议的文件名" })
  filename: string;

  @Field({ description: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" })
  contentType: string;

  @Field({ description: "文件内容, base64" })
  base64: string;
}

export const XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export function spreadsheetFile(filename: string, data: Buffer): SpreadsheetFile {
  return { filename, contentType: XLSX_CONTENT_TYPE, base64: data.toString("base64") };
}

/** Progress of a long import, for the CLI (GraphQL callers get the result only). */
export type ImportProgress = (phase: "read" | "check" | "write", done: number, total: number) => void;
