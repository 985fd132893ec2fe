using System.Text.Json.Nodes;
using RedisPrivateLink.Emulator.Providers;
using RedisPrivateLink.Emulator.Store;

namespace RedisPrivateLink.Emulator.Arm;

/// <summary>
/// Export and import as both Microsoft.Cache kinds run them (a classic cache, a Managed Redis database): 202 and an
/// operation that moves the data fingerprint. Nothing real is written: once an export succeeds its blob "exists" holding
/// the data as it was when the export started; an import succeeds only for blobs an export wrote (the SAS part of each
/// URL is ignored), so a classic export can be imported into a Managed Redis database and the other way round.
/// </summary>
internal sealed class DataTransferStarter(EmulatorContext emulator, OperationStarter operations)
{
    /// <summary>Starts an export of the source's data into the blob (a URL without SAS).</summary>
    public ArmResult Export(ArmRequest request, LroStyle style, StoredResource source, string blob)
    {
        var operation = operations.StartAction(style, source, ResourceTypeCatalog.RedisDataTransfer,
            emulator.Faults.TakeLroFailure(request.Method, request.Path.Raw), error: null,
            DataTransfer.Export(WithoutSas(blob).TrimEnd('/'), source.DataFingerprint));
        return Accepted(request, style, operation);
    }

    /// <summary>
    /// Starts an import of the files into the target, which fails naming the first file no export wrote; on success the
    /// target holds the files' fingerprints, joined with ',' when there are several.
    /// </summary>
    public ArmResult Import(ArmRequest request, LroStyle style, StoredResource target, IReadOnlyList<string> files)
    {
        var missing = files.FirstOrDefault(f => !emulator.Store.HasBlob(WithoutSas(f)));

        // Our reading of the RP's answer: the import runs, then fails naming the file it could not read.
        var error = missing is null ? null : new JsonObject
        {
            ["code"] = "BadRequest",
            ["message"] = $"Import failed: the blob '{WithoutSas(missing)}' could not be found. Check that the file exists " +
                          $"and that the URL grants read access.\r\nRequestID={Guid.NewGuid()}",
        };
        var operation = operations.StartAction(style, target, ResourceTypeCatalog.RedisDataTransfer,
            missing is not null || emulator.Faults.TakeLroFailure(request.Method, request.Path.Raw), error,
            DataTransfer.Import(ImportedFingerprint(files)));
        return Accepted(request, style, operation);
    }

    public static string WithoutSas(string url) => url.Split('?')[0];

    /// <summary>
    /// A classic cache's export and import answer 202 with an empty body and only a Location pointing at
    /// .../locations/{Display Name}/operationresults/{id} (the az redis export recording in shared/recordings, and
    /// Azure/azure-cli#30408); a Managed Redis database's answer both headers at its operationsStatus.
    /// </summary>
    private static ArmResult Accepted(ArmRequest request, LroStyle style, LongRunningOperation operation)
    {
        if (style == LroStyle.Redis)
        {
            return new ArmResult(202).WithHeader("Location", OperationStarter.RedisOperationResultUrl(operation, request));
        }

        var url = OperationStarter.StatusUrl(style, operation, request);
        return new ArmResult(202).WithHeader("Azure-AsyncOperation", url).WithHeader("Location", url);
    }

    private string? ImportedFingerprint(IEnumerable<string> files)
    {
        var fingerprints = files.Select(f => emulator.Store.BlobFingerprint(WithoutSas(f))).OfType<string>().ToList();
        return fingerprints.Count == 0 ? null : string.Join(",", fingerprints);
    }
}
