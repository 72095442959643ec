import {
  badInput,
  decodeBase64File,
  ImportResult,
  spreadsheetFile,
  SpreadsheetFile,
  type RequestContext,
} from "@tongxin/sdk";
import { Arg, Ctx, Mutation, Query, Resolver } from "type-graphql";
import { exportStudios, importStudios, studiosTemplate } from "./studio.import";

/** Its base64 must fit the 2 MB JSON body the gateway and subgraphs accept. */
const MAX_IMPORT_BYTES = 1_400_000;

@Resolver()
export class StudiosImportResolver {
  @Mutation(() => ImportResult, {
    description: "导入工作室入室名单和履职活动 (XLSX, base64): 先检查整个文件, 有错误则不写入; 重复导入不改变数据",
  })
  importStudios(
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
    return importStudios(ctx, { committee, data, dryRun: dryRun ?? false });
  }

  @Query(() => SpreadsheetFile, { description: "工作室导入模板 (入室名单、履职活动)" })
  async studiosTemplate(@Ctx() ctx: RequestContext, @Arg("committee") committee: string): Promise<SpreadsheetFile> {
    return spreadsheetFile(`委员工作室-模板-${committee}.xlsx`, await studiosTemplate(ctx, committee));
  }

  @Query(() => SpreadsheetFile, { description: "导出工作室入室名单和履职活动, 格式与导入相同" })
  async exportStudios(@Ctx() ctx: RequestContext, @Arg("committee") committee: string): Promise<SpreadsheetFile> {
    return spreadsheetFile(`委员工作室-${committee}.xlsx`, await exportStudios(ctx, committee));
  }
}
