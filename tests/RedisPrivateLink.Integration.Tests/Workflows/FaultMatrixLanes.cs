namespace RedisPrivateLink.Integration.Tests.Workflows;

/// <summary>
/// Runs <see cref="FaultMatrix.Rows"/> side by side: xunit runs one class's rows one after another and the classes in
/// parallel, so the rows are dealt round-robin to <see cref="Count"/> lane classes, each with its own emulator. The
/// rows spend their time waiting on the emulator, not computing.
/// </summary>
public static class FaultMatrixLanes
{
    /// <summary>As many lanes as xunit.runner.json's maxParallelThreads.</summary>
    public const int Count = 8;

    public static TheoryData<string, string, string> RowsOf(int lane)
    {
        var data = new TheoryData<string, string, string>();
        foreach (var row in FaultMatrix.Rows.Where((_, index) => index % Count == lane))
        {
            data.Add(row.Cmdlet, row.Step, row.Fault);
        }

        return data;
    }

    internal static Task RunAsync(FaultMatrix.SharedEmulator emulator, string cmdlet, string step, string fault) =>
        FaultMatrix.Rows.Single(r => r.Cmdlet == cmdlet && r.Step == step && r.Fault == fault).Run(emulator.Scenario);
}

public sealed class FaultMatrixLane0 : IClassFixture<FaultMatrix.SharedEmulator>
{
    private readonly FaultMatrix.SharedEmulator _emulator;

    public FaultMatrixLane0(FaultMatrix.SharedEmulator emulator) => _emulator = emulator;

    [Theory]
    [MemberData(nameof(FaultMatrixLanes.RowsOf), 0, MemberType = typeof(FaultMatrixLanes))]
    public Task Row(string cmdlet, string step, string fault) => FaultMatrixLanes.RunAsync(_emulator, cmdlet, step, fault);
}

public sealed class FaultMatrixLane1 : IClassFixture<FaultMatrix.SharedEmulator>
{
    private readonly FaultMatrix.SharedEmulator _emulator;

    public FaultMatrixLane1(FaultMatrix.SharedEmulator emulator) => _emulator = emulator;

    [Theory]
    [MemberData(nameof(FaultMatrixLanes.RowsOf), 1, MemberType = typeof(FaultMatrixLanes))]
    public Task Row(string cmdlet, string step, string fault) => FaultMatrixLanes.RunAsync(_emulator, cmdlet, step, fault);
}

public sealed class FaultMatrixLane2 : IClassFixture<FaultMatrix.SharedEmulator>
{
    private readonly FaultMatrix.SharedEmulator _emulator;

    public FaultMatrixLane2(FaultMatrix.SharedEmulator emulator) => _emulator = emulator;

    [Theory]
    [MemberData(nameof(FaultMatrixLanes.RowsOf), 2, MemberType = typeof(FaultMatrixLanes))]
    public Task Row(string cmdlet, string step, string fault) => FaultMatrixLanes.RunAsync(_emulator, cmdlet, step, fault);
}

public sealed class FaultMatrixLane3 : IClassFixture<FaultMatrix.SharedEmulator>
{
    private readonly FaultMatrix.SharedEmulator _emulator;

    public FaultMatrixLane3(FaultMatrix.SharedEmulator emulator) => _emulator = emulator;

    [Theory]
    [MemberData(nameof(FaultMatrixLanes.RowsOf), 3, MemberType = typeof(FaultMatrixLanes))]
    public Task Row(string cmdlet, string step, string fault) => FaultMatrixLanes.RunAsync(_emulator, cmdlet, step, fault);
}

public sealed class FaultMatrixLane4 : IClassFixture<FaultMatrix.SharedEmulator>
{
    private readonly FaultMatrix.SharedEmulator _emulator;

    public FaultMatrixLane4(FaultMatrix.SharedEmulator emulator) => _emulator = emulator;

    [Theory]
    [MemberData(nameof(FaultMatrixLanes.RowsOf), 4, MemberType = typeof(FaultMatrixLanes))]
    public Task Row(string cmdlet, string step, string fault) => FaultMatrixLanes.RunAsync(_emulator, cmdlet, step, fault);
}

public sealed class FaultMatrixLane5 : IClassFixture<FaultMatrix.SharedEmulator>
{
    private readonly FaultMatrix.SharedEmulator _emulator;

    public FaultMatrixLane5(FaultMatrix.SharedEmulator emulator) => _emulator = emulator;

    [Theory]
    [MemberData(nameof(FaultMatrixLanes.RowsOf), 5, MemberType = typeof(FaultMatrixLanes))]
    public Task Row(string cmdlet, string step, string fault) => FaultMatrixLanes.RunAsync(_emulator, cmdlet, step, fault);
}

public sealed class FaultMatrixLane6 : IClassFixture<FaultMatrix.SharedEmulator>
{
    private readonly FaultMatrix.SharedEmulator _emulator;

    public FaultMatrixLane6(FaultMatrix.SharedEmulator emulator) => _emulator = emulator;

    [Theory]
    [MemberData(nameof(FaultMatrixLanes.RowsOf), 6, MemberType = typeof(FaultMatrixLanes))]
    public Task Row(string cmdlet, string step, string fault) => FaultMatrixLanes.RunAsync(_emulator, cmdlet, step, fault);
}

public sealed class FaultMatrixLane7 : IClassFixture<FaultMatrix.SharedEmulator>
{
    private readonly FaultMatrix.SharedEmulator _emulator;

    public FaultMatrixLane7(FaultMatrix.SharedEmulator emulator) => _emulator = emulator;

    [Theory]
    [MemberData(nameof(FaultMatrixLanes.RowsOf), 7, MemberType = typeof(FaultMatrixLanes))]
    public Task Row(string cmdlet, string step, string fault) => FaultMatrixLanes.RunAsync(_emulator, cmdlet, step, fault);
}
