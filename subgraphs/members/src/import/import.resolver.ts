import {
  badInput,
  decodeBase64File,
  ImportResult,
  spreadsheetFile,
  SpreadsheetFile,
  type RequestContext,
} from "@tongxin/sdk";
import { Arg, Ctx, Mutation, Query, Resolver } from "type-graphql";
import { exportMembersRoster, membersRosterTemplate } from "./roster.export";
import { importMembersRoster } from "./roster.import";

/**
 * Largest file accepted: its base64 must fit the 2 MB JSON body the gateway and subgraphs
 * accept. A 2,500-member roster is about a tenth of it.
 */
export const MAX_IMPORT_BYTES = 1_400_000;

export function decodeUpload(file: string, field = "file"): Buffer {
  const data = decodeBase64File(file);
  if (!data || data.length === 0)
    throw badInput(field, "文件应为 base64 编码的 XLSX", "must be a base64-encoded XLSX file");
  if (data.length > MAX_IMPORT_BYTES) {
    throw badInput(field, `文件不能超过 ${MAX_IMPORT_BYTES} 字节`, `at most ${MAX_IMPORT_BYTES} bytes`);
  }
  return data;
}

@Resolver()
export class MembersImportResolver {
  @Mutation(() => ImportResult, {
    description:
      "导入委员名册 (XLSX, base64): 先检查整个文件, 有错误则不写入; 重复导入不改变任何数据 / import the 委员名册; all rows or none",
  })
  importMembersRoster(
    @Ctx() ctx: RequestContext,
    @Arg("committee") committee: string,
    @Arg("file", { description: "XLSX 文件内容, base64" }) file: string,
    @Arg("dryRun", () => Boolean, { nullable: true, description: "只检查, 不写入" }) dryRun?: boolean,
  ): Promise<ImportResult> {
    return importMembersRoster(ctx, { committee, data: decodeUpload(file), dryRun: dryRun ?? false });
  }

  @Query(() => SpreadsheetFile, { description: "委员名册导入模板 (带下拉选项) / the roster template" })
  async membersRosterTemplate(@Ctx() ctx: RequestContext): Promise<SpreadsheetFile> {
    return spreadsheetFile("委员名册-模板.xlsx", await membersRosterTemplate(ctx));
  }

  @Query(() => SpreadsheetFile, { description: "导出本级委员名册, 格式与导入相同 / export in the import layout" })
  async exportMembersRoster(@Ctx() ctx: RequestContext, @Arg("committee") committee: string): Promise<SpreadsheetFile> {
    return spreadsheetFile(`委员名册-${committee}.xlsx`, await exportMembersRoster(ctx, committee));
  }
}
