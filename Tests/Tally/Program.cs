using Orders.Tally;

// `trx FOLDER` or `vitest REPORT.json`: prints "N passed, N failed"; exits 1 when the run executed no test, 2 when the
// report cannot be read
const string usage = "Usage: Tally trx FOLDER | vitest REPORT.json";
try
{
    var counts = args switch
    {
        ["trx", var folder] => Reports.FromTrxFolder(folder),
        ["vitest", var report] => Reports.FromVitestJson(report),
        _ => null,
    };
    if (counts is null)
    {
        await Console.Error.WriteLineAsync(usage);
        return 2;
    }

    await Console.Out.WriteLineAsync(counts.ToString());
    if (counts.Executed > 0)
        return 0;
    await Console.Error.WriteLineAsync("The run executed no test.");
    return 1;
}
catch (Exception exception) when (exception is InvalidDataException or IOException or System.Xml.XmlException or System.Text.Json.JsonException)
{
    await Console.Error.WriteLineAsync(exception.Message);
    return 2;
}
