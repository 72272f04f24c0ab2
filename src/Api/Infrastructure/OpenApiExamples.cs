using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Ledger.Api.Infrastructure;

/// <summary>
/// The examples of the OpenAPI document (and so of <c>/docs</c>): every parameter by its name, every request body by
/// its type, and the answer of an endpoint that takes neither. A new body type or parameter name needs its entry here;
/// the API tests fail for an endpoint without an example.
/// </summary>
internal static class OpenApiExamples
{
    private static readonly Dictionary<string, string> Parameters = new(StringComparer.Ordinal)
    {
        ["cid"] = "\"jinhai\"", ["communityId"] = "\"jinhai\"", ["passbook"] = "\"JH-0001\"", ["sku"] = "\"rice-5kg\"",
        ["rid"] = "\"0193b7c2a4f07d3e9a1b2c3d4e5f6a7b\"", ["vid"] = "\"0193b7c2a4f07d3e9a1b2c3d4e5f6a7b-1\"",
        ["aid"] = "\"cleanup-0315\"", ["period"] = "\"2025-03\"", ["district"] = "\"龙湖区\"", ["keyId"] = "\"3f2a9c0d1b7e\"",
        ["role"] = "\"clerk\"", ["limit"] = "20", ["status"] = "\"open\"", ["format"] = "\"json\"", ["lang"] = "\"zh\"",
        ["from"] = "\"2025-03-01\"", ["to"] = "\"2025-03-31\"", ["asOf"] = "\"2025-03-31T23:59:59+08:00\"", ["atPosition"] = "1200",
        ["top"] = "10", ["by"] = "\"points\"", ["after"] = "0", ["date"] = "\"2025-03-14\"", ["clerk"] = "\"key:3f2a9c0d1b7e\"",
        ["jobId"] = "\"7c9e6679742541d8\"", ["q"] = "\"林秀英\"", ["month"] = "\"2025-03\"", ["withinDays"] = "30", ["pid"] = "\"elder-barber\"", ["Idempotency-Key"] = "\"till-1-20250314-0001\"",
        ["id"] = "\"aixin-points-2025\"",
    };

    private static readonly Dictionary<string, string> Bodies = new(StringComparer.Ordinal)
    {
        ["RegisterCommunityRequest"] = """{"id":"jinhai","name":"津海社区","district":"龙湖区","street":"龙腾街道","timeZone":"Asia/Shanghai"}""",
        ["IssueKeyRequest"] = """{"role":"clerk","communityId":"jinhai","label":"超市 1号柜台"}""",
        ["RevokeKeyRequest"] = """{"reason":"柜台平板丢失"}""",
        ["KeyQrCodeRequest"] = """{"key":"lgr_…"}""",
        ["OpenHouseholdRequest"] = """{"passbook":"JH-0001","headName":"陈伟","members":["林秀英","陈小明"],"address":"津海路 12 号"}""",
        ["AwardRequest"] = """{"passbook":"JH-0001","ruleId":"clean-up","member":"林秀英","note":"三月环境整治","occurredOn":"2025-03-14"}""",
        ["DefinePointsItemRequest"] = """{"id":"clean-up","name":"人居环境整治","category":"人居环境","points":10,"monthlyCap":30}""",
        ["StarLevelsRequest"] = """{"levels":[{"stars":1,"points":100},{"stars":2,"points":300},{"stars":3,"points":600}]}""",
        ["ExpiryPolicyRequest"] = """{"rule":"end-of-year","afterYears":1}""",
        ["DeductionPolicyRequest"] = """{"policy":"refuse"}""",
        ["CorrectionRequest"] = """{"eventId":"0193b7c2-a4f0-7d3e-9a1b-2c3d4e5f6a7b","reason":"登记错户"}""",
        ["ScheduleActivityRequest"] = """{"id":"cleanup-0315","title":"河道清洁志愿活动","organizer":{"kind":"social-organization","name":"龙湖义工联"},"date":"2025-03-15","points":10}""",
        ["AddParticipantsRequest"] = """{"participants":[{"passbook":"JH-0001","member":"林秀英"},{"passbook":"JH-0002"}]}""",
        ["CatalogItemBody"] = """{"sku":"rice-5kg","name":"大米 5kg","kind":"goods","points":120,"stock":40}""",
        ["StockBody"] = """{"quantity":20,"note":"街道配送"}""",
        ["ReasonBody"] = """{"reason":"顾客改选其他商品"}""",
        ["RedeemBody"] = """{"passbook":"JH-0001","member":"林秀英","lines":[{"sku":"rice-5kg","quantity":1}]}""",
        ["PublishHonorRollRequest"] = """{"period":"2025-03","top":20}""",
        ["RegisterPartnerRequest"] = """{"id":"elder-barber","name":"长者发屋","kind":"merchant"}""",
        ["RecordSponsorshipRequest"] = """{"id":"aixin-points-2025","partnerId":"aixin-market","kind":"points","points":5000,"note":"2025 年志愿服务积分"}""",
    };

    // Endpoints that take no parameter and no body show what they answer instead.
    private static readonly Dictionary<string, string> Answers = new(StringComparer.Ordinal)
    {
        ["GET /health"] = """{"status":"ok","store":"sqlite","position":120345}""",
        ["GET /api/me"] = """{"id":"key:3f2a9c0d1b7e","role":"clerk","communityId":"jinhai","label":"超市 1号柜台"}""",
        ["GET /api/communities"] = """[{"id":"jinhai","name":"津海社区","district":"龙湖区","street":"龙腾街道","timeZone":"Asia/Shanghai","deductionPolicy":"refuse","households":128,"pointsItems":9,"activities":14,"participations":63}]""",
        ["GET /api/keys"] = """[{"keyId":"3f2a9c0d1b7e","role":"clerk","communityId":"jinhai","label":"超市 1号柜台","issuedAt":"2025-03-01T08:00:00Z","issuedBy":"key:9ab0c1d2e3f4"}]""",
        ["GET /api/audit/verify"] = """{"ok":true,"events":120345,"streams":5120,"headHash":"9f2c…","problems":[]}""",
        ["GET /api/audit/export"] = "\"{\\\"position\\\":1,\\\"eventId\\\":\\\"…\\\",\\\"streamId\\\":\\\"system-admin\\\"}\\n…\"",
        ["POST /api/audit/verify-jobs"] = """{"jobId":"7c9e6679742541d8","state":"running","events":0,"total":120345}""",
    };

    /// <summary>Adds the examples to each operation of the document.</summary>
    public static void Register(OpenApiOptions options) =>
        options.AddOperationTransformer((operation, context, _) =>
        {
            foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
            {
                if (parameter.Example is null && parameter.Name is { } name && Parameters.TryGetValue(name, out var value))
                {
                    parameter.Example = JsonNode.Parse(value);
                }
            }

            var bodyType = context.Description.ParameterDescriptions.FirstOrDefault(p => p.Source == BindingSource.Body)?.Type.Name;
            if (bodyType is not null && Bodies.TryGetValue(bodyType, out var body)
                && operation.RequestBody?.Content?.TryGetValue("application/json", out var media) == true && media is OpenApiMediaType json)
            {
                json.Example = JsonNode.Parse(body);
            }

            var endpoint = $"{context.Description.HttpMethod} /{context.Description.RelativePath}";
            if (Answers.TryGetValue(endpoint, out var answer)
                && operation.Responses?.FirstOrDefault(r => r.Key.StartsWith('2')).Value?.Content?.Values.FirstOrDefault() is OpenApiMediaType ok)
            {
                ok.Example = JsonNode.Parse(answer);
            }

            return Task.CompletedTask;
        });
}
