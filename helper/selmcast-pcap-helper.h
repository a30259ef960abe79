/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SELMCAST_PCAP_HELPER_H
#define SELMCAST_PCAP_HELPER_H

#include "selmcast-topology-helper.h"

#include <cstdint>
#include <string>
#include <vector>

/**
 * \file
 * \ingroup selmcast
 * pcap capture of a training run with ns-3's own PointToPointHelper pcap tracing, one file per
 * device, named after its node's role: open them in Wireshark with utils/wireshark/selmcast.lua.
 */

namespace ns3
{

/**
 * \ingroup selmcast
 * Parse a list of worker ids such as "0,3" strictly: decimal ids in [0, n - 1], separated by
 * single commas, none repeated; nothing else (no spaces, signs, empty items or ranges).
 * \param text the list
 * \param n the number of workers
 * \param [out] ids the ids, in the order given (set only when valid)
 * \return an empty string when valid, else why not (without the option's name)
 */
std::string SelmcastParseWorkerList(const std::string& text,
                                    uint32_t n,
                                    std::vector<uint32_t>& ids);

/**
 * \ingroup selmcast
 * Enables pcap tracing (PointToPointHelper::EnablePcap, PPP link type) on the point-to-point
 * devices of a SelmcastTopology: every device of every node, or only the devices of chosen
 * workers. Files: `<prefix>-<role>-node<N>-dev<D>.pcap`, role `worker<i>`, `router<r>` or
 * `controller`, N the ns-3 node id and D the device index on that node.
 */
class SelmcastPcapHelper
{
  public:
    /**
     * \param topology the built network
     * \param prefix the path and file-name prefix (its folder must exist)
     * \param workers the workers whose devices to capture; empty: every device of every node
     * \return the files that will be written
     */
    static std::vector<std::string> Enable(Ptr<SelmcastTopology> topology,
                                           const std::string& prefix,
                                           const std::vector<uint32_t>& workers);

    /**
     * \param prefix the path and file-name prefix
     * \param role worker3, router0 or controller
     * \param node the node id
     * \param device the device index on the node
     * \return the file name of that device's capture
     */
    static std::string FileName(const std::string& prefix,
                                const std::string& role,
                                uint32_t node,
                                uint32_t device);
};

} // namespace ns3

#endif /* SELMCAST_PCAP_HELPER_H */
