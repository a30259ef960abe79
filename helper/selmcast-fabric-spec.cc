/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "selmcast-fabric-spec.h"

#include "selmcast-args.h"

#include "ns3/abort.h"

#include <algorithm>
#include <deque>
#include <fstream>
#include <map>
#include <sstream>

namespace ns3
{

uint64_t
SelmcastFabricSpec::GetSlots() const
{
    uint64_t slots = 0;
    for (uint32_t s : rackSlots)
    {
        slots += s;
    }
    return slots;
}

void
SelmcastPlace(SelmcastFabricSpec& spec,
              uint32_t n,
              SelmcastPlacement placement,
              const std::function<double()>& uniform)
{
    NS_ABORT_MSG_IF(n > spec.GetSlots(),
                    n << " workers, but only " << spec.GetSlots() << " host slots");
    spec.workerRouter.clear();
    if (placement == SELMCAST_PLACE_SPREAD)
    {
        std::vector<uint32_t> used(spec.nRouters, 0);
        for (uint32_t r = 0; spec.workerRouter.size() < n; r = (r + 1) % spec.nRouters)
        {
            if (used[r] < spec.rackSlots[r])
            {
                ++used[r];
                spec.workerRouter.push_back(r);
            }
        }
        return;
    }
    std::vector<uint32_t> slots; // one entry per slot: its router, ascending
    for (uint32_t r = 0; r < spec.nRouters; ++r)
    {
        slots.insert(slots.end(), spec.rackSlots[r], r);
    }
    if (placement == SELMCAST_PLACE_RANDOM)
    {
        // A partial Fisher-Yates shuffle: the first n entries are a uniform sample.
        for (uint32_t i = 0; i < n; ++i)
        {
            auto j = i + static_cast<uint32_t>(uniform() * (slots.size() - i));
            std::swap(slots[i], slots[std::min<std::size_t>(j, slots.size() - 1)]);
        }
        std::sort(slots.begin(), slots.begin() + n);
    }
    spec.workerRouter.assign(slots.begin(), slots.begin() + n);
}

SelmcastFabricSpec
SelmcastBigSwitchSpec(uint32_t n, DataRate hostRate)
{
    SelmcastFabricSpec spec;
    spec.nRouters = 1;
    spec.nLeaves = 1;
    spec.rackSlots = {n};
    spec.bisectionBps = (n / 2) * static_cast<double>(hostRate.GetBitRate());
    spec.oversubscription = 1;
    return spec;
}

SelmcastFabricSpec
SelmcastLeafSpineSpec(uint32_t leaves,
                      uint32_t spines,
                      uint32_t hostsPerLeaf,
                      DataRate hostRate,
                      DataRate fabricRate,
                      Time delay)
{
    SelmcastFabricSpec spec;
    spec.nRouters = leaves + spines;
    spec.nLeaves = leaves;
    spec.nSpines = spines;
    spec.rackSlots.assign(leaves, hostsPerLeaf);
    spec.rackSlots.resize(spec.nRouters, 0);
    for (uint32_t leaf = 0; leaf < leaves; ++leaf)
    {
        for (uint32_t s = 0; s < spines; ++s)
        {
            spec.edges.push_back({leaf, leaves + s, fabricRate, delay});
        }
    }
    const double hosts = static_cast<double>(hostsPerLeaf) * hostRate.GetBitRate();
    const double up = static_cast<double>(spines) * fabricRate.GetBitRate();
    spec.oversubscription = hosts / up;
    // One leaf: the halves meet in the leaf, only the hosts' links limit.
    spec.bisectionBps = leaves < 2 ? (hostsPerLeaf / 2) * static_cast<double>(hostRate.GetBitRate())
                                   : (leaves / 2) * std::min(hosts, up);
    return spec;
}

SelmcastFabricSpec
SelmcastFatTreeSpec(uint32_t k, DataRate hostRate, DataRate edgeRate, DataRate coreRate, Time delay)
{
    NS_ABORT_MSG_IF(k < 2 || k % 2 != 0, "fat-tree arity k = " << k << " must be even and >= 2");
    const uint32_t half = k / 2;
    const uint32_t switchesPerLayer = k * half; // edge and aggregation switches, each
    SelmcastFabricSpec spec;
    spec.nLeaves = switchesPerLayer;
    spec.nSpines = switchesPerLayer + half * half;
    spec.nRouters = spec.nLeaves + spec.nSpines;
    spec.rackSlots.assign(switchesPerLayer, half);
    spec.rackSlots.resize(spec.nRouters, 0);
    const uint32_t aggBase = switchesPerLayer;
    const uint32_t coreBase = 2 * switchesPerLayer;
    for (uint32_t pod = 0; pod < k; ++pod)
    {
        for (uint32_t e = 0; e < half; ++e)
        {
            for (uint32_t a = 0; a < half; ++a)
            {
                spec.edges.push_back({pod * half + e, aggBase + pod * half + a, edgeRate, delay});
            }
        }
    }
    for (uint32_t pod = 0; pod < k; ++pod)
    {
        for (uint32_t a = 0; a < half; ++a)
        {
            for (uint32_t c = 0; c < half; ++c)
            {
                spec.edges.push_back(
                    {aggBase + pod * half + a, coreBase + a * half + c, coreRate, delay});
            }
        }
    }
    const double b = static_cast<double>(hostRate.GetBitRate());
    const double e = static_cast<double>(edgeRate.GetBitRate());
    const double c = static_cast<double>(coreRate.GetBitRate());
    // Half the pods hold k^3 / 8 hosts, edge uplinks and core uplinks: the least of them limits.
    spec.bisectionBps = static_cast<double>(k) * k * k / 8 * std::min({b, e, c});
    spec.oversubscription = (b / e) * (e / c);
    return spec;
}

namespace
{

/**
 * \param text a field
 * \return the field without spaces and tabs at either end
 */
std::string
Trim(const std::string& text)
{
    const auto first = text.find_first_not_of(" \t\r");
    if (first == std::string::npos)
    {
        return "";
    }
    return text.substr(first, text.find_last_not_of(" \t\r") - first + 1);
}

/**
 * \param text a list
 * \param separators the characters that separate its items
 * \return the trimmed, non-empty items
 */
std::vector<std::string>
Split(const std::string& text, const std::string& separators)
{
    std::vector<std::string> items;
    std::string item;
    for (char c : text + separators.substr(0, 1))
    {
        if (separators.find(c) == std::string::npos)
        {
            item += c;
            continue;
        }
        if (!Trim(item).empty())
        {
            items.push_back(Trim(item));
        }
        item.clear();
    }
    return items;
}

/**
 * Parse one edge line of the CSV file.
 * \param fields the line's fields
 * \param ids router index by name (extended with new names)
 * \param spec where the edge and names go
 * \return an empty string, or the problem
 */
std::string
ParseEdge(const std::vector<std::string>& fields,
          std::map<std::string, uint32_t>& ids,
          SelmcastFabricSpec& spec)
{
    if (fields.size() != 4)
    {
        return "has " + std::to_string(fields.size()) + " fields, allowed: node,node,rate,delay";
    }
    DataRateValue rate;
    if (!rate.DeserializeFromString(fields[2], MakeDataRateChecker()) ||
        rate.Get().GetBitRate() == 0)
    {
        return "rate '" + fields[2] + "' is not a rate, allowed: a positive rate such as 10Gbps";
    }
    Time delay;
    std::string error = SelmcastArgs::ParseTime(fields[3], Time(0), Seconds(1), delay);
    if (!error.empty())
    {
        return "delay " + error;
    }
    if (fields[0].empty() || fields[1].empty() || fields[0] == fields[1])
    {
        return "a link needs two nodes, allowed: two different non-empty names";
    }
    uint32_t end[2];
    for (int s = 0; s < 2; ++s)
    {
        auto found = ids.emplace(fields[s], static_cast<uint32_t>(spec.names.size()));
        if (found.second)
        {
            spec.names.push_back(fields[s]);
        }
        end[s] = found.first->second;
    }
    spec.edges.push_back({end[0], end[1], rate.Get(), delay});
    return "";
}

/**
 * \param spec a fabric
 * \return true when every router reaches every other
 */
bool
IsConnected(const SelmcastFabricSpec& spec)
{
    std::vector<std::vector<uint32_t>> next(spec.nRouters);
    for (const SelmcastFabricEdge& e : spec.edges)
    {
        next[e.a].push_back(e.b);
        next[e.b].push_back(e.a);
    }
    std::vector<bool> seen(spec.nRouters, false);
    std::deque<uint32_t> queue{0};
    seen[0] = true;
    uint32_t reached = 1;
    while (!queue.empty())
    {
        uint32_t r = queue.front();
        queue.pop_front();
        for (uint32_t m : next[r])
        {
            if (!seen[m])
            {
                seen[m] = true;
                ++reached;
                queue.push_back(m);
            }
        }
    }
    return reached == spec.nRouters;
}

} // namespace

std::string
SelmcastReadFabricCsv(const std::string& path,
                      const std::string& workers,
                      const std::string& controller,
                      SelmcastFabricSpec& spec)
{
    spec = SelmcastFabricSpec();
    std::ifstream in(path);
    if (!in)
    {
        return "topologyFile: cannot read '" + path + "', allowed: a readable CSV edge list";
    }
    std::map<std::string, uint32_t> ids;
    std::string line;
    for (uint32_t number = 1; std::getline(in, line); ++number)
    {
        if (Trim(line).empty() || Trim(line)[0] == '#')
        {
            continue;
        }
        std::vector<std::string> fields;
        std::istringstream cells(line + ",");
        for (std::string cell; std::getline(cells, cell, ',');)
        {
            fields.push_back(Trim(cell));
        }
        std::string error = ParseEdge(fields, ids, spec);
        if (!error.empty())
        {
            return "topologyFile: " + path + " line " + std::to_string(number) + ": " + error;
        }
    }
    if (spec.edges.empty())
    {
        return "topologyFile: " + path +
               " has no link, allowed: at least one node,node,rate,delay line";
    }
    return SelmcastFinishFileFabric(path, workers, controller, spec);
}

std::string
SelmcastFinishFileFabric(const std::string& path,
                         const std::string& workers,
                         const std::string& controller,
                         SelmcastFabricSpec& spec)
{
    std::map<std::string, uint32_t> ids;
    for (uint32_t r = 0; r < spec.names.size(); ++r)
    {
        ids.emplace(spec.names[r], r);
    }
    spec.nRouters = spec.names.size();
    spec.nLeaves = spec.nRouters;
    std::vector<uint32_t> degree(spec.nRouters, 0);
    for (const SelmcastFabricEdge& e : spec.edges)
    {
        ++degree[e.a];
        ++degree[e.b];
    }
    if (!IsConnected(spec))
    {
        return "topologyFile: " + path +
               " is not connected, allowed: a graph where every node reaches every other";
    }
    spec.rackSlots.assign(spec.nRouters, 0);
    if (workers == "leaves" || workers == "all")
    {
        for (uint32_t r = 0; r < spec.nRouters; ++r)
        {
            spec.rackSlots[r] = (workers == "all" || degree[r] == 1) ? 1 : 0;
        }
    }
    else
    {
        for (const std::string& name : Split(workers, "+;"))
        {
            auto found = ids.find(name);
            if (found == ids.end())
            {
                return "fileWorkers: node '" + name + "' is not in " + path +
                       ", allowed: leaves, all, or node names of the file joined by +";
            }
            spec.rackSlots[found->second] = 1;
        }
    }
    if (!controller.empty())
    {
        auto found = ids.find(controller);
        if (found == ids.end())
        {
            return "fileController: node '" + controller + "' is not in " + path +
                   ", allowed: a node of the file, or empty for the first";
        }
        spec.controllerRouter = found->second;
    }
    return "";
}

} // namespace ns3
