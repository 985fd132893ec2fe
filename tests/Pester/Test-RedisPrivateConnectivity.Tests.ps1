# Test-RedisPrivateConnectivity on loopback only: a DNS responder inside this process answers the probe's queries (the
# cmdlet has no way to trust a test CA, and must not, so TLS success is proven by the xunit suite against a real
# redis-server), and the ARM-side checks read caches from the local emulator. DNS never answers an emulated endpoint's
# 10.x address, so the probe never connects to one.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1')
    Import-Module $env:RPL_TEST_MODULE

    # A script block cannot serve a socket from a background thread, so a few lines of C#: CNAME and A answers from a
    # table, NXDOMAIN for any other name.
    Add-Type -TypeDefinition @'
namespace RedisPrivateLinkTests
{
    using System;
    using System.Collections.Generic;
    using System.IO;
    using System.Net;
    using System.Net.Sockets;
    using System.Text;
    using System.Threading.Tasks;

    public sealed class LoopbackDns : IDisposable
    {
        private readonly UdpClient _socket = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        private readonly Dictionary<string, string> _cnames = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, IPAddress> _addresses = new Dictionary<string, IPAddress>(StringComparer.OrdinalIgnoreCase);

        public LoopbackDns(System.Collections.IDictionary cnames, System.Collections.IDictionary addresses)
        {
            foreach (System.Collections.DictionaryEntry pair in cnames) { _cnames[(string)pair.Key] = (string)pair.Value; }
            foreach (System.Collections.DictionaryEntry pair in addresses) { _addresses[(string)pair.Key] = IPAddress.Parse((string)pair.Value); }
            Task.Run(Serve);
        }

        public string Server { get { return "127.0.0.1:" + ((IPEndPoint)_socket.Client.LocalEndPoint).Port; } }

        public void Dispose() { _socket.Dispose(); }

        private async Task Serve()
        {
            while (true)
            {
                UdpReceiveResult request;
                try { request = await _socket.ReceiveAsync(); }
                catch (ObjectDisposedException) { return; }
                catch (SocketException) { return; }
                var answer = Answer(request.Buffer);
                await _socket.SendAsync(answer, answer.Length, request.RemoteEndPoint);
            }
        }

        private byte[] Answer(byte[] query)
        {
            var offset = 12;
            var labels = new List<string>();
            while (query[offset] != 0) { labels.Add(Encoding.ASCII.GetString(query, offset + 1, query[offset])); offset += query[offset] + 1; }
            var questionEnd = offset + 5;
            var name = string.Join(".", labels);
            var records = new MemoryStream();
            var count = 0;
            var found = false;
            string target;
            while (_cnames.TryGetValue(name, out target)) { Record(records, name, 5, Encode(target)); count++; name = target; found = true; }
            IPAddress address;
            if (_addresses.TryGetValue(name, out address)) { Record(records, name, 1, address.GetAddressBytes()); count++; found = true; }
            var response = new MemoryStream();
            response.Write(query, 0, 2);
            response.Write(new byte[] { 0x81, (byte)(found ? 0x80 : 0x83), 0, 1, 0, (byte)count, 0, 0, 0, 0 }, 0, 10);
            response.Write(query, 12, questionEnd - 12);
            records.WriteTo(response);
            return response.ToArray();
        }

        private static void Record(MemoryStream stream, string owner, byte type, byte[] data)
        {
            var name = Encode(owner);
            stream.Write(name, 0, name.Length);
            stream.Write(new byte[] { 0, type, 0, 1, 0, 0, 0, 60, 0, (byte)data.Length }, 0, 10);
            stream.Write(data, 0, data.Length);
        }

        private static byte[] Encode(string name)
        {
            var encoded = new MemoryStream();
            foreach (var label in name.Split('.')) { encoded.WriteByte((byte)label.Length); encoded.Write(Encoding.ASCII.GetBytes(label), 0, label.Length); }
            encoded.WriteByte(0);
            return encoded.ToArray();
        }
    }
}
'@

    $script:CommandType = 'RedisPrivateLink.Commands.TestRedisPrivateConnectivityCommand'
    # The engine's types live in the module's private load context, out of reach of [type] names: compare type names.
    $script:CheckType = 'RedisPrivateLink.Engine.Connectivity.ConnectivityCheck'
    $script:ReportType = 'RedisPrivateLink.Engine.Connectivity.ConnectivityReport'
    $script:Host1 = 'pester-conn.redis.cache.windows.net'
    # Knows only the cache's names, pointing at 127.0.0.2 where nothing listens on the closed port.
    $script:LinkedDns = [RedisPrivateLinkTests.LoopbackDns]::new(
        @{ $Host1 = 'pester-conn.privatelink.redis.cache.windows.net' },
        @{ 'pester-conn.privatelink.redis.cache.windows.net' = '127.0.0.2' })
    # Knows nothing: NXDOMAIN for every name, as a network without the zone link answers a name that exists only there.
    $script:EmptyDns = [RedisPrivateLinkTests.LoopbackDns]::new(@{}, @{})
    $listener = [System.Net.Sockets.TcpListener]::new([ipaddress]'127.0.0.2', 0)
    $listener.Start()
    $script:ClosedPort = $listener.LocalEndpoint.Port
    $listener.Stop()

    $script:Emulator = Start-TestEmulator
    $null = Connect-RedisPrivateLink -EmulatorConnectionFile $Emulator.ConnectionFile
    $script:Cache = New-RedisPrivateCache -Name pester-conn -ResourceGroupName rg-conn -Location eastus -VirtualNetworkName vnet-81 `
        -AddressPrefix 10.81.0.0/16 -SubnetName endpoints -SubnetPrefix 10.81.1.0/24 -Confirm:$false
    $script:CacheVNetId = $Cache.PrivateEndpoints[0].VirtualNetworkId
}

AfterAll {
    Disconnect-RedisPrivateLink
    Stop-TestEmulator $Emulator
    $LinkedDns.Dispose()
    $EmptyDns.Dispose()
}

Describe 'Test-RedisPrivateConnectivity -HostName (no ARM)' {
    It 'fails DNS on NXDOMAIN with the hint, skips what needs an address, and ends with the report' {
        $output = Test-RedisPrivateConnectivity -HostName $Host1 -DnsServer $EmptyDns.Server -TimeoutSeconds 5

        $checks = $output | Where-Object { $_.GetType().FullName -eq $CheckType }
        @($checks.Name) | Should -Be @('DnsResolution', 'TcpConnect', 'TlsHandshake', 'Authentication', 'Ping')
        $checks[0].Passed | Should -BeFalse
        $checks[0].Evidence | Should -Match 'does not exist \(NXDOMAIN\)'
        $checks[0].Hint | Should -Match 'Check the cache name'
        @($checks | Select-Object -Skip 1 | Where-Object { $null -ne $_.Passed }) | Should -HaveCount 0
        $report = $output[-1]
        $report.GetType().FullName | Should -Be $ReportType
        $report.AllPassed | Should -BeFalse
        $report.FailedChecks | Should -Be @('DnsResolution')
    }

    It 'follows the privatelink CNAME and reports a refused port with its hint' {
        $output = Test-RedisPrivateConnectivity -HostName $Host1 -DnsServer $LinkedDns.Server -Port $ClosedPort -TimeoutSeconds 5

        $dns = $output | Where-Object Name -eq DnsResolution
        $dns.Passed | Should -BeTrue
        $dns.Evidence | Should -Match 'CNAME pester-conn\.privatelink\.redis\.cache\.windows\.net -> 127\.0\.0\.2'
        $tcp = $output | Where-Object Name -eq TcpConnect
        $tcp.Passed | Should -BeFalse
        $tcp.Target | Should -Be "127.0.0.2:$ClosedPort"
        $tcp.Hint | Should -Match 'Nothing accepts connections'
        ($output | Where-Object Name -eq TlsHandshake).Evidence | Should -Be 'Skipped: no TCP connection.'
        $output[-1].ResolvedAddresses | Should -Be @('127.0.0.2')
    }

    It 'returns only $false with -Quiet' {
        $result = Test-RedisPrivateConnectivity -HostName $Host1 -DnsServer $LinkedDns.Server -Port $ClosedPort -Quiet -TimeoutSeconds 5

        @($result) | Should -HaveCount 1
        $result | Should -BeOfType bool
        $result | Should -BeFalse
    }

    It 'needs no context' {
        $output = Invoke-ChildPwsh -ArgumentList $env:RPL_TEST_MODULE, $Host1, $EmptyDns.Server -Script {
            Import-Module $args[0]
            Test-RedisPrivateConnectivity -HostName $args[1] -DnsServer $args[2] -Quiet -TimeoutSeconds 5
        }

        $output | Should -Be @('False')
    }

    It 'refuses a DNS server that is not an address with InvalidDnsServer' {
        { Test-RedisPrivateConnectivity -HostName $Host1 -DnsServer 'dns.contoso.com' } |
            Should -Throw -ErrorId "InvalidDnsServer,$CommandType"
    }
}

Describe 'Test-RedisPrivateConnectivity on a cache read through ARM' {
    It 'passes the ARM-side checks of a cache New-RedisPrivateCache made, and connects nowhere when DNS fails' {
        $output = $Cache | Test-RedisPrivateConnectivity -DnsServer $EmptyDns.Server -TimeoutSeconds 5

        ($output | Where-Object Name -eq PublicNetworkAccess).Passed | Should -BeTrue
        $endpoint = $output | Where-Object Name -eq EndpointConnection
        $endpoint.Passed | Should -BeTrue
        $endpoint.Evidence | Should -Match ': Approved$'
        ($output | Where-Object Name -eq TcpConnect).Passed | Should -BeNullOrEmpty
        $report = $output[-1]
        $report.HostName | Should -Be $Host1
        $report.PrivateIpAddresses | Should -Be @($Cache.PrivateIpAddresses)
        $report.FailedChecks | Should -Be @('DnsResolution')
    }

    It 'explains a timeout by a Pending manual endpoint' {
        $null = $Cache | Add-RedisPrivateEndpoint -Name pester-conn-82 -VirtualNetworkName vnet-82 -AddressPrefix 10.82.0.0/16 `
            -SubnetName endpoints -SubnetPrefix 10.82.1.0/24 -ManualApproval -Confirm:$false -WarningAction SilentlyContinue

        $output = Test-RedisPrivateConnectivity -Name pester-conn -ResourceGroupName rg-conn -DnsServer $EmptyDns.Server -TimeoutSeconds 5

        $pending = $output | Where-Object { $_.Name -eq 'EndpointConnection' -and $_.Evidence -like 'pester-conn-82 *' }
        $pending.Passed | Should -BeFalse
        $pending.Evidence | Should -Match ': Pending$'
        $pending.Hint | Should -Match 'time out until the cache''s owner approves it \(Approve-RedisPrivateEndpointConnection\)'
        $output[-1].FailedChecks | Should -Contain 'EndpointConnection'
    }

    It 'finds the private DNS zone linked to the caller''s virtual network' {
        $output = $Cache | Test-RedisPrivateConnectivity -DnsServer $EmptyDns.Server -VirtualNetworkId $CacheVNetId -TimeoutSeconds 5

        $link = $output | Where-Object Name -eq DnsZoneLink
        $link.Passed | Should -BeTrue
        $link.Evidence | Should -Match '^privatelink\.redis\.cache\.windows\.net is linked to vnet-81'
    }

    It 'says how to fix a virtual network the zone is not linked to' {
        $other = "/subscriptions/$($Emulator.SubscriptionId)/resourceGroups/rg-conn/providers/Microsoft.Network/virtualNetworks/vnet-unlinked"

        $output = $Cache | Test-RedisPrivateConnectivity -DnsServer $EmptyDns.Server -VirtualNetworkId $other -TimeoutSeconds 5

        $link = $output | Where-Object Name -eq DnsZoneLink
        $link.Passed | Should -BeFalse
        $link.Evidence | Should -Match 'has no link to .*/vnet-unlinked$'
        $link.Hint | Should -Match 'resolve the cache''s public IP until the zone is linked'
    }

    It 'reads the access key with -UseAccessKey and writes it to no stream' {
        $keys = Invoke-EmulatorArm $Emulator "/subscriptions/$($Emulator.SubscriptionId)/resourceGroups/rg-conn/providers/Microsoft.Cache/redis/pester-conn/listKeys" `
            -ApiVersion $ArmApiVersion.Redis -Method POST
        $keys.Body.primaryKey | Should -Not -BeNullOrEmpty

        $everything = $Cache | Test-RedisPrivateConnectivity -UseAccessKey -DnsServer $EmptyDns.Server -TimeoutSeconds 5 -Verbose -Debug *>&1 |
            ForEach-Object { if ($_.GetType().FullName -eq $CheckType) { "$($_.Target) $($_.Evidence) $($_.Hint)" } else { "$_" } }

        $everything | Should -Not -BeNullOrEmpty
        ($everything -join "`n") | Should -Not -Match ([regex]::Escape($keys.Body.primaryKey))
        ($everything -join "`n") | Should -Match '/listKeys'
    }

    It 'refuses two ways to authenticate (<Given>) with ConflictingAuthentication' -ForEach @(
        @{ Given = '-AccessKey -UseAccessKey'; Parameters = @{ AccessKey = 'key'; UseAccessKey = $true } }
        @{ Given = '-AccessKey -EntraToken'; Parameters = @{ AccessKey = 'key'; EntraToken = 'token' } }
        @{ Given = '-UseAccessKey -UseEntraToken'; Parameters = @{ UseAccessKey = $true; UseEntraToken = $true } }
        @{ Given = '-EntraToken -UseEntraToken'; Parameters = @{ EntraToken = 'token'; UseEntraToken = $true } }
    ) {
        $bound = @{}
        foreach ($pair in $Parameters.GetEnumerator()) {
            $bound[$pair.Key] = if ($pair.Value -is [string]) { ConvertTo-SecureString $pair.Value -AsPlainText -Force } else { $pair.Value }
        }

        { $Cache | Test-RedisPrivateConnectivity @bound -DnsServer $EmptyDns.Server } |
            Should -Throw -ErrorId "ConflictingAuthentication,$CommandType"
    }

    It 'refuses an -EntraToken that is not a Microsoft Entra token with InvalidEntraToken, before any request' {
        $null = Invoke-EmulatorControl $Emulator '/_emulator/requests' -Method DELETE
        $notAToken = ConvertTo-SecureString 'secret-looking-but-not-a-jwt' -AsPlainText -Force

        $thrown = { $Cache | Test-RedisPrivateConnectivity -EntraToken $notAToken -DnsServer $EmptyDns.Server } |
            Should -Throw -ErrorId "InvalidEntraToken,$CommandType" -PassThru

        $thrown.Exception.Message | Should -Not -Match 'secret-looking'
        $thrown.Exception.Message | Should -Match 'Get-AzAccessToken -ResourceUrl https://redis.azure.com'
        @(Invoke-EmulatorControl $Emulator '/_emulator/requests').Count | Should -Be 0
    }

    It 'says the emulator''s sign-in has no Microsoft Entra identity for -UseEntraToken (EntraTokenUnavailable)' {
        { $Cache | Test-RedisPrivateConnectivity -UseEntraToken -DnsServer $EmptyDns.Server } |
            Should -Throw -ErrorId "EntraTokenUnavailable,$CommandType"
    }

    It 'writes an -EntraToken to no stream' {
        $base64Url = { param($text) [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($text)).TrimEnd('=').Replace('+', '-').Replace('/', '_') }
        $signature = 'c2lnbmF0dXJlLW9mLXRoZS10b2tlbi0xMjM0NTY3ODkw'
        $jwt = '{0}.{1}.{2}' -f (& $base64Url '{"typ":"JWT"}'), (& $base64Url '{"oid":"5f0e7d1c-2b3a-4c5d-8e9f-0a1b2c3d4e5f"}'), $signature

        $everything = Test-RedisPrivateConnectivity -HostName 'pester-conn.redis.cache.windows.net' -EntraToken (ConvertTo-SecureString $jwt -AsPlainText -Force) `
            -DnsServer $EmptyDns.Server -TimeoutSeconds 5 -Verbose -Debug *>&1 |
            ForEach-Object { if ($_.GetType().FullName -eq $CheckType) { "$($_.Target) $($_.Evidence) $($_.Hint)" } else { "$_" } }

        $everything | Should -Not -BeNullOrEmpty
        ($everything -join "`n") | Should -Not -Match $signature
    }

    It 'stops with CacheNotFound for a cache that does not exist' {
        { Test-RedisPrivateConnectivity -Name pester-missing -ResourceGroupName rg-conn -DnsServer $EmptyDns.Server } |
            Should -Throw -ErrorId "CacheNotFound,$CommandType"
    }

    It 'refuses a -VirtualNetworkId that is not a virtual network with InvalidVirtualNetworkId' {
        { $Cache | Test-RedisPrivateConnectivity -VirtualNetworkId $Cache.Id -DnsServer $EmptyDns.Server } |
            Should -Throw -ErrorId "InvalidVirtualNetworkId,$CommandType"
    }
}

Describe 'Test-RedisPrivateConnectivity on an Azure Managed Redis cache' {
    BeforeAll {
        $script:Managed = New-RedisPrivateCache -Name pester-conn-amr -ResourceGroupName rg-conn -Location eastus -Sku Balanced_B0 `
            -SubnetId $Cache.PrivateEndpoints[0].SubnetId -PrivateEndpointName pester-conn-amr-pe -EnableAccessKeysAuthentication -Confirm:$false
        $script:ManagedHost = 'pester-conn-amr.eastus.redis.azure.net'
        $script:ManagedPrivateName = 'pester-conn-amr.eastus.privatelink.redis.azure.net'
        $script:ManagedLinkedDns = [RedisPrivateLinkTests.LoopbackDns]::new(@{ $ManagedHost = $ManagedPrivateName }, @{ $ManagedPrivateName = '127.0.0.2' })
    }

    AfterAll {
        $ManagedLinkedDns.Dispose()
    }

    It 'probes port 10000 and the name.region record in privatelink.redis.azure.net, and finds that zone linked' {
        $output = $Managed | Test-RedisPrivateConnectivity -DnsServer $EmptyDns.Server -VirtualNetworkId $CacheVNetId -TimeoutSeconds 5

        $Managed.Kind | Should -Be 'ManagedRedis'
        $dns = $output | Where-Object Name -eq DnsResolution
        $dns.Target | Should -Be $ManagedHost
        $dns.Hint | Should -Match ([regex]::Escape("the private DNS zone privatelink.redis.azure.net has no record $ManagedPrivateName"))
        ($output | Where-Object Name -eq TcpConnect).Target | Should -Be "$($ManagedHost):10000"
        $link = $output | Where-Object Name -eq DnsZoneLink
        $link.Passed | Should -BeTrue
        $link.Evidence | Should -Match '^privatelink\.redis\.azure\.net is linked to vnet-81'
        ($output | Where-Object Name -eq PublicNetworkAccess).Passed | Should -BeTrue
        $endpoint = $output | Where-Object Name -eq EndpointConnection
        $endpoint.Evidence | Should -Match '^pester-conn-amr-pe .*: Approved$'
        $report = $output[-1]
        $report.HostName | Should -Be $ManagedHost
        $report.PrivateIpAddresses | Should -Be @($Managed.PrivateIpAddresses)
        $report.FailedChecks | Should -Be @('DnsResolution')
    }

    It 'finds the Managed Redis cache by <Given>' -ForEach @(
        @{ Given = 'name'; Parameters = { @{ Name = 'pester-conn-amr'; ResourceGroupName = 'rg-conn' } } }
        @{ Given = 'resource id'; Parameters = { @{ ResourceId = $Managed.Id } } }
    ) {
        $bound = & $Parameters

        $output = Test-RedisPrivateConnectivity @bound -DnsServer $EmptyDns.Server -TimeoutSeconds 5

        ($output | Where-Object Name -eq TcpConnect).Target | Should -Be "$($ManagedHost):10000"
        ($output | Where-Object Name -eq EndpointConnection).Target | Should -Be $Managed.PrivateEndpoints[0].Id
    }

    It 'connects to the port the database was created on, as ARM reports it' {
        # Azure sets a database's port at its create (10000 unless the create names one), so the probe must read it.
        $listener = [System.Net.Sockets.TcpListener]::new([ipaddress]'127.0.0.2', 0)
        $listener.Start()
        $dns = $null
        try {
            $port = $listener.LocalEndpoint.Port
            $id = "/subscriptions/$($Emulator.SubscriptionId)/resourceGroups/rg-conn/providers/Microsoft.Cache/redisEnterprise/pester-conn-port"
            $cluster = @{ location = 'eastus'; sku = @{ name = 'Balanced_B0' }; properties = @{ minimumTlsVersion = '1.2'; publicNetworkAccess = 'Disabled' } }
            (Invoke-EmulatorArm $Emulator $id -ApiVersion $ArmApiVersion.RedisEnterprise -Method PUT -Body $cluster).Status | Should -Be 201
            Wait-EmulatorProvisioned $Emulator $id -ApiVersion $ArmApiVersion.RedisEnterprise
            (Invoke-EmulatorArm $Emulator "$id/databases/default" -ApiVersion $ArmApiVersion.RedisEnterprise -Method PUT -Body @{ properties = @{ port = $port } }).Status | Should -Be 201
            Wait-EmulatorProvisioned $Emulator "$id/databases/default" -ApiVersion $ArmApiVersion.RedisEnterprise
            $privateName = 'pester-conn-port.eastus.privatelink.redis.azure.net'
            $dns = [RedisPrivateLinkTests.LoopbackDns]::new(@{ 'pester-conn-port.eastus.redis.azure.net' = $privateName }, @{ $privateName = '127.0.0.2' })

            $output = Test-RedisPrivateConnectivity -ResourceId $id -DnsServer $dns.Server -TimeoutSeconds 2

            $tcp = $output | Where-Object Name -eq TcpConnect
            $tcp.Target | Should -Be "127.0.0.2:$port"
            $tcp.Passed | Should -BeTrue
        }
        finally {
            if ($dns) { $dns.Dispose() }
            $listener.Stop()
        }
    }

    It 'reads the database''s access key with -UseAccessKey and writes it to no stream' {
        $keys = Invoke-EmulatorArm $Emulator "$($Managed.Id)/databases/default/listKeys" -ApiVersion $ArmApiVersion.RedisEnterprise -Method POST
        $keys.Body.primaryKey | Should -Not -BeNullOrEmpty
        $null = Invoke-EmulatorControl $Emulator '/_emulator/requests' -Method DELETE

        $everything = $Managed | Test-RedisPrivateConnectivity -UseAccessKey -DnsServer $EmptyDns.Server -TimeoutSeconds 5 -Verbose -Debug *>&1 |
            ForEach-Object { if ($_.GetType().FullName -eq $CheckType) { "$($_.Target) $($_.Evidence) $($_.Hint)" } else { "$_" } }

        ($everything -join "`n") | Should -Not -Match ([regex]::Escape($keys.Body.primaryKey))
        $posts = @(Invoke-EmulatorControl $Emulator '/_emulator/requests' | Where-Object method -eq POST)
        @($posts.path) | Should -Be @("$($Managed.Id)/databases/default/listKeys")
    }

    It 'says a database whose access keys are disabled gives none, with AccessKeysUnavailable' {
        $null = New-RedisPrivateCache -Name pester-conn-nokeys -ResourceGroupName rg-conn -Location eastus -Sku Balanced_B0 `
            -SubnetId $Cache.PrivateEndpoints[0].SubnetId -PrivateEndpointName pester-conn-nokeys-pe -Confirm:$false

        $thrown = { Test-RedisPrivateConnectivity -Name pester-conn-nokeys -ResourceGroupName rg-conn -UseAccessKey -DnsServer $EmptyDns.Server -TimeoutSeconds 5 } |
            Should -Throw -ErrorId "AccessKeysUnavailable,$CommandType" -PassThru

        $thrown.Exception.Message | Should -Match 'access-key authentication is disabled on its database\. Test with -UseEntraToken'
    }

    It 'follows the CNAME to name.region.privatelink.redis.azure.net for a Managed Redis -HostName' {
        $output = Test-RedisPrivateConnectivity -HostName $ManagedHost -DnsServer $ManagedLinkedDns.Server -Port $ClosedPort -TimeoutSeconds 5

        $dns = $output | Where-Object Name -eq DnsResolution
        $dns.Passed | Should -BeTrue
        $dns.Evidence | Should -Match ([regex]::Escape("CNAME $ManagedPrivateName -> 127.0.0.2"))
        ($output | Where-Object Name -eq TcpConnect).Target | Should -Be "127.0.0.2:$ClosedPort"
    }

    It 'tests a Managed Redis -HostName on port 10000 by default' {
        $output = Test-RedisPrivateConnectivity -HostName $ManagedHost -DnsServer $EmptyDns.Server -TimeoutSeconds 5

        ($output | Where-Object Name -eq TcpConnect).Target | Should -Be "$($ManagedHost):10000"
        ($output | Where-Object Name -eq DnsResolution).Hint | Should -Match ([regex]::Escape("privatelink.redis.azure.net has no record $ManagedPrivateName"))
    }
}
