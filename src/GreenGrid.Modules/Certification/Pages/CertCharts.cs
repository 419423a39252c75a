using System.Text.Json;
using GreenGrid.Certification.ChartCertification;
using GreenGrid.Certification.Workflow;
using GreenGrid.Components.Shared;
using GreenGrid.Resources;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace GreenGrid.Certification.Pages;

/// <summary>ECharts options for the status map (a treemap of the tree) and the certification curve, and how an action's result is told.</summary>
internal static class CertCharts
{
    private const string Free = "#2e7d32";
    private const string Certified = "#1b5e20";
    private const string Blocked = "#c62828";

    public static string? Treemap(MapNode? root, IStringLocalizer<UiText> t)
    {
        if (root is null)
        {
            return null;
        }
        object Node(MapNode n) => new
        {
            name = CertWords.Name(n.NameZh, n.NameEn),
            value = n.Compounds,
            itemStyle = new { color = n.Certified ? Certified : n.Free ? Free : Blocked },
            children = n.Children.Count == 0 ? null : n.Children.Select(Node).ToArray(),
        };
        return JsonSerializer.Serialize(new
        {
            tooltip = new { },
            series = new object[]
            {
                new
                {
                    type = "treemap", roam = false, nodeClick = "zoomToNode", leafDepth = 2, breadcrumb = new { show = true },
                    label = new { show = true }, upperLabel = new { show = true, height = 20 },
                    levels = new object[] { new { itemStyle = new { borderWidth = 2, gapWidth = 2, borderColor = "#fff" } }, new { itemStyle = new { gapWidth = 1, borderColor = "#fff" } } },
                    data = root.Children.Count == 0 ? new[] { Node(root) } : root.Children.Select(Node).ToArray(),
                },
            },
        }, new JsonSerializerOptions { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull });
    }

    public static string Curve(CurveView c, IStringLocalizer<UiText> t)
    {
        var days = c.Days.Select(d => d.Day.ToString("MM-dd")).ToArray();
        var series = new List<object> { Line(t["Cert.CurveCompounds"], c.Days.Select(d => d.Compounds)) };
        if (c.CommunityTotal > 0)
        {
            series.Add(Line(t["Cert.CurveCommunities"], c.Days.Select(d => d.Communities)));
        }
        if (c.SubdistrictTotal > 0)
        {
            series.Add(Line(t["Cert.CurveSubdistricts"], c.Days.Select(d => d.Subdistricts)));
        }
        return JsonSerializer.Serialize(new
        {
            tooltip = new { trigger = "axis" },
            legend = new { top = 0 },
            grid = new { left = 40, right = 16, top = 32, bottom = 28 },
            xAxis = new { type = "category", data = days },
            yAxis = new { type = "value", min = 0, max = 100, axisLabel = new { formatter = "{value}%" } },
            series,
        });

        static object Line(string name, IEnumerable<double> values) => new { name, type = "line", showSymbol = false, data = values.ToArray() };
    }

    /// <summary>A snackbar for an action: success, or the problem's reasons.</summary>
    public static void Report(IResult result, ISnackbar snackbar, IStringLocalizer<UiText> t)
    {
        switch (result)
        {
            case IStatusCodeHttpResult { StatusCode: >= 200 and < 300 }:
                snackbar.Add(t["Cert.Done"], Severity.Success);
                break;
            case ProblemHttpResult p:
                snackbar.Add(p.ProblemDetails is HttpValidationProblemDetails v ? string.Join(" · ", v.Errors.SelectMany(e => e.Value)) : p.ProblemDetails.Detail ?? p.ProblemDetails.Title ?? "", Severity.Warning);
                break;
            case ValidationProblem vp:
                snackbar.Add(string.Join(" · ", vp.ProblemDetails.Errors.SelectMany(e => e.Value)), Severity.Warning);
                break;
        }
    }
}
