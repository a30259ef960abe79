/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "selmcast-pcap-helper.h"

#include "selmcast-link-stats.h"

#include "ns3/point-to-point-helper.h"
#include "ns3/point-to-point-net-device.h"

#include <set>
#include <sstream>

namespace ns3
{

std::string
SelmcastParseWorkerList(const std::string& text, uint32_t n, std::vector<uint32_t>& ids)
{
    std::ostringstream allowed;
    allowed << "allowed: comma-separated worker ids in [0, " << (n == 0 ? 0 : n - 1) << "]";
    std::vector<uint32_t> parsed;
    std::set<uint32_t> seen;
    std::istringstream in(text);
    std::string item;
    // getline drops a trailing empty item: "0," would pass; check the last character too.
    if (text.empty() || text.back() == ',')
    {
        return "'" + text + "', " + allowed.str();
    }
    while (std::getline(in, item, ','))
    {
        // Digits only, at most 9 of them: no sign, space, exponent or overflow gets through.
        bool digits = !item.empty() && item.size() <= 9 &&
                      item.find_first_not_of("0123456789") == std::string::npos;
        uint32_t id = digits ? static_cast<uint32_t>(std::stoul(item)) : n;
        if (id >= n)
        {
            return "'" + item + "' is not a worker id, " + allowed.str();
        }
        if (!seen.insert(id).second)
        {
            return "worker " + item + " is listed twice, " + allowed.str();
        }
        parsed.push_back(id);
    }
    ids = parsed;
    return "";
}

std::string
SelmcastPcapHelper::FileName(const std::string& prefix,
                             const std::string& role,
                             uint32_t node,
                             uint32_t device)
{
    std::ostringstream name;
    name << prefix << "-" << role << "-node" << node << "-dev" << device << ".pcap";
    return name.str();
}

std::vector<std::string>
SelmcastPcapHelper::Enable(Ptr<SelmcastTopology> topology,
                           const std::string& prefix,
                           const std::vector<uint32_t>& workers)
{
    std::vector<std::pair<Ptr<Node>, std::string>> nodes;
    if (workers.empty())
    {
        nodes = SelmcastNamedNodes(topology);
    }
    for (uint32_t i : workers)
    {
        nodes.emplace_back(topology->GetWorker(i), "worker" + std::to_string(i));
    }
    PointToPointHelper p2p;
    std::vector<std::string> files;
    for (const auto& [node, role] : nodes)
    {
        for (uint32_t d = 0; d < node->GetNDevices(); ++d)
        {
            Ptr<NetDevice> device = node->GetDevice(d);
            if (!DynamicCast<PointToPointNetDevice>(device))
            {
                continue; // the loopback
            }
            files.push_back(FileName(prefix, role, node->GetId(), d));
            p2p.EnablePcap(files.back(), device, false, true);
        }
    }
    return files;
}

} // namespace ns3
