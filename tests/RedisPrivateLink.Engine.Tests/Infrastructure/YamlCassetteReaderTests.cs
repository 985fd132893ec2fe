using System.Linq;
using Xunit;

namespace RedisPrivateLink.Engine.Tests.Infrastructure;

public class YamlCassetteReaderTests
{
    [Fact]
    public void ReadsFoldedQuotedScalarsHeadersAndStatus()
    {
        const string cassette = """
            interactions:
            - request:
                body: null
                method: GET
                uri: https://management.azure.com/a?api-version=1
              response:
                body:
                  string: "{\"a\": \"West
                    Europe\",\r\n\
                    \ \"b\": 1}"
                headers:
                  retry-after:
                  - '0'
                status:
                  code: 202
                  message: Accepted
            - request:
                method: PUT
                uri: https://management.azure.com/b
              response:
                body:
                  string: '{"it''s":
                    "x"}'
                status:
                  code: 200
            version: 1
            """;
        var calls = YamlCassetteReader.Read("t.yaml", cassette).ToList();

        Assert.Equal(2, calls.Count);
        Assert.Equal(("GET", 202, "https://management.azure.com/a?api-version=1"), (calls[0].Method, calls[0].Status, calls[0].Uri));
        Assert.Equal("{\"a\": \"West Europe\",\r\n \"b\": 1}", calls[0].ResponseBody);
        Assert.Equal("0", calls[0].ResponseHeaders["Retry-After"]);
        Assert.Equal("{\"it's\": \"x\"}", calls[1].ResponseBody);
        Assert.Equal(("PUT", 200), (calls[1].Method, calls[1].Status));
    }
}
