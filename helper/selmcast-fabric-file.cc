/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "selmcast-fabric-file.h"

#include "ns3/node-container.h"
#include "ns3/topology-reader-helper.h"

#include <fstream>
#include <map>
#include <set>
#include <utility>

namespace ns3
{

namespace
{

/**
 * \param format a format of ns-3's topology-read module
 * \return its name as TopologyReaderHelper::SetFileType takes it
 */
std::string
ReaderType(SelmcastFileFormat format)
{
    switch (format)
    {
    case SELMCAST_FILE_INET:
        return "Inet";
    case SELMCAST_FILE_ORBIS:
        return "Orbis";
    case SELMCAST_FILE_ROCKETFUEL:
        return "Rocketfuel";
    case SELMCAST_FILE_CSV:
        break;
    }
    return "";
}

/**
 * \param name a node name
 * \param ids router index by name (extended with a new name)
 * \param spec where a new name goes
 * \return the router index of name
 */
uint32_t
RouterOf(const std::string& name, std::map<std::string, uint32_t>& ids, SelmcastFabricSpec& spec)
{
    auto found = ids.emplace(name, static_cast<uint32_t>(spec.names.size()));
    if (found.second)
    {
        spec.names.push_back(name);
    }
    return found.first->second;
}

} // namespace

std::string
SelmcastReadFabricNs3(const std::string& path,
                      SelmcastFileFormat format,
                      DataRate rate,
                      Time delay,
                      const std::string& workers,
                      const std::string& controller,
                      SelmcastFabricSpec& spec)
{
    spec = SelmcastFabricSpec();
    const std::string type = ReaderType(format);
    if (type.empty())
    {
        return "topologyFormat: csv files are read by SelmcastReadFabricCsv, allowed here: "
               "inet, orbis, rocketfuel";
    }
    // ns-3's readers report an unreadable file only in their log: check it here.
    if (!std::ifstream(path))
    {
        return "topologyFile: cannot read '" + path + "', allowed: a readable " + type + " file";
    }
    TopologyReaderHelper helper;
    helper.SetFileName(path);
    helper.SetFileType(type);
    Ptr<TopologyReader> reader = helper.GetTopologyReader();
    reader->Read();
    std::map<std::string, uint32_t> ids;
    std::set<std::pair<uint32_t, uint32_t>> seen;
    for (auto link = reader->LinksBegin(); link != reader->LinksEnd(); ++link)
    {
        if (link->GetFromNodeName() == link->GetToNodeName())
        {
            return "topologyFile: " + path + " links node '" + link->GetFromNodeName() +
                   "' to itself, allowed: links between two different nodes";
        }
        const uint32_t a = RouterOf(link->GetFromNodeName(), ids, spec);
        const uint32_t b = RouterOf(link->GetToNodeName(), ids, spec);
        if (seen.insert({std::min(a, b), std::max(a, b)}).second)
        {
            spec.edges.push_back({a, b, rate, delay});
        }
    }
    if (spec.edges.empty())
    {
        return "topologyFile: " + path + " has no link that ns-3's " + type +
               " reader accepts, allowed: a " + type + " topology with at least one link";
    }
    return SelmcastFinishFileFabric(path, workers, controller, spec);
}

} // namespace ns3
