import { defineFigures } from "./figures";

describe("defineFigures", () => {
  const STATS = defineFigures({
    field: "thingStats",
    title: "事项",
    titleEn: "Things",
    period: "year",
    figures: {
      made: { title: "制作", titleEn: "Made", kind: "count", definition: "当年制作的 / made in the year" },
      rate: { title: "成功率", titleEn: "Success rate", kind: "rate", definition: "成功 / 制作 / succeeded / made" },
      byHand: {
        title: "手工",
        titleEn: "By hand",
        kind: "count",
        definition: "其中手工的 / by hand",
        dashboard: false,
      },
    },
  });

  it("gives the dashboard, the field descriptions and the report one wording", () => {
    expect(STATS.figures.map((f) => f.key)).toEqual(["made", "rate"]);
    expect(STATS.figures[0]).toEqual({
      key: "made",
      title: "制作",
      titleEn: "Made",
      kind: "count",
      definition: "当年制作的 / made in the year",
    });
    // The dashboard metadata is the plain StatDefinition, without the registry's helpers.
    expect(JSON.parse(JSON.stringify(STATS))).toEqual({
      field: "thingStats",
      title: "事项",
      titleEn: "Things",
      period: "year",
      figures: STATS.figures,
    });
    expect(STATS.options("byHand")).toEqual({ description: "手工 / By hand: 其中手工的 / by hand" });
    const section = STATS.report({ name: "things", title: "事项", titleEn: "Things" }, { made: 3, rate: null }, [
      { key: "made", reportKey: "thingsMade", note: "含下级" },
      "rate",
      { key: "byHand", source: "thingStats.byKind[HAND]" },
    ]);
    expect(section.figures).toEqual([
      {
        key: "thingsMade",
        title: "制作",
        titleEn: "Made",
        value: 3,
        kind: "count",
        definition: "当年制作的 / made in the year; 含下级",
        source: "thingStats.made",
      },
      expect.objectContaining({ key: "rate", value: null, kind: "rate", source: "thingStats.rate" }),
      expect.objectContaining({ key: "byHand", value: null, source: "thingStats.byKind[HAND]" }),
    ]);
  });

  it("refuses a report row naming no figure", () => {
    expect(() => STATS.reportFigure({}, "made" as never)).not.toThrow();
    expect(() => STATS.reportFigure({}, "unmade" as never)).toThrow(/thingStats has no figure unmade/);
  });
});
