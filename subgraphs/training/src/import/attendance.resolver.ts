import {
  badInput,
  decodeBase64File,
  ImportResult,
  spreadsheetFile,
  SpreadsheetFile,
  type RequestContext,
} from "@tongxin/sdk";
import { Arg, Ctx, Mutation, Query, Resolver } from "type-graphql";
import { exportTrainingAttendance, importTrainingAttendance, trainingAttendanceTemplate } from "./attendance.import";

/** Its base64 must fit the 2 MB JSON body the gateway and subgraphs accept. */
const MAX_IMPORT_BYTES = 1_400_000;

@Resolver()
export class TrainingImportResolver {
  @Mutation(() => ImportResult, {
    description: "导入参训出勤 (XLSX, base64): 先检查整个文件, 有错误则不写入; 重复导入不改变数据",
  })
  importTrainingAttendance(
    @Ctx() ctx: RequestContext,
    @Arg("committee") committee: string,
    @Arg("file", { description: "XLSX 文件内容, base64" }) file: string,
    @Arg("dryRun", () => Boolean, { nullable: true }) dryRun?: boolean,
  ): Promise<ImportResult> {
    const data = decodeBase64File(file);
    if (!data || data.length === 0 || data.length > MAX_IMPORT_BYTES) {
      throw badInput(
        "file",
        "文件应为 base64 编码的 XLSX (不超过 1.4 MB)",
        "must be a base64 XLSX file of at most 1.4 MB",
      );
    }
    return importTrainingAttendance(ctx, { committee, data, dryRun: dryRun ?? false });
  }

  @Query(() => SpreadsheetFile, { description: "参训出勤导入模板 (班次下拉为本级班次)" })
  async trainingAttendanceTemplate(
    @Ctx() ctx: RequestContext,
    @Arg("committee") committee: string,
  ): Promise<SpreadsheetFile> {
    return spreadsheetFile(`参训出勤-模板-${committee}.xlsx`, await trainingAttendanceTemplate(ctx, committee));
  }

  @Query(() => SpreadsheetFile, { description: "导出参训出勤, 格式与导入相同" })
  async exportTrainingAttendance(
    @Ctx() ctx: RequestContext,
    @Arg("committee") committee: string,
  ): Promise<SpreadsheetFile> {
    return spreadsheetFile(`参训出勤-${committee}.xlsx`, await exportTrainingAttendance(ctx, committee));
  }
}
