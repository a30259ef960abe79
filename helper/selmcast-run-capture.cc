/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "selmcast-run-capture.h"

#include "selmcast-pcap-helper.h"
#ifdef SELMCAST_HAVE_NETANIM
#include "selmcast-netanim-helper.h"
#endif

#include "ns3/callback.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

namespace ns3
{

void
SelmcastRunCapture::AddArguments(SelmcastArgs& args)
{
    args.AddValue("pcap",
                  "write pcap files of every device under outDir (open them in Wireshark with "
                  "utils/wireshark/selmcast.lua)",
                  m_pcap);
    // Raw text: CommandLine would cut "1 2" to "1"; Validate checks the list against n.
    args.AddText("pcapWorkers",
                 "with --pcap: capture only these workers' devices, e.g. 0,3 (ids in [0, n - 1])",
                 [this](const std::string& value) {
                     SetPcapWorkers(value);
                     return std::string();
                 });
    args.AddValue("timeline",
                  "write the run's events CSV (<prefix>-timeline.csv under outDir; plot it with "
                  "utils/selmcast-plot-timeline.py)",
                  m_timeline);
    args.AddValue("netanim",
                  "write ns-3's NetAnim XML of the run (<prefix>-netanim.xml under outDir; every "
                  "packet is animated: keep the run small; needs a build with ns-3's netanim "
                  "module)",
                  m_netanim);
    args.AddValue("linkStats",
                  "write every link's transmissions, data and control apart (<prefix>-links.csv "
                  "under outDir; reads each packet's headers, so the run is slower)",
                  m_linkStats);
}

bool
SelmcastRunCapture::SetPcapWorkers(std::string value)
{
    m_pcapWorkers = value;
    m_pcapWorkersGiven = true;
    return true;
}

bool
SelmcastRunCapture::HasNetAnim()
{
#ifdef SELMCAST_HAVE_NETANIM
    return true;
#else
    return false;
#endif
}

std::string
SelmcastRunCapture::Validate(uint32_t n)
{
    m_workers.clear();
    if (m_netanim && !HasNetAnim())
    {
        return "netanim: this build of selmcast has no NetAnim support, allowed: off; to get it, "
               "build against ns-3 with its netanim module (standalone: install libns3-dev, "
               "which has it, and re-run cmake; in an ns-3 source tree: enable ns-3's netanim "
               "module, e.g. ./ns3 configure --enable-modules='selmcast;netanim')";
    }
    if (!m_pcapWorkersGiven)
    {
        return "";
    }
    if (!m_pcap)
    {
        return "pcapWorkers: needs --pcap, allowed: comma-separated worker ids in [0, " +
               std::to_string(n - 1) + "] with --pcap";
    }
    std::string error = SelmcastParseWorkerList(m_pcapWorkers, n, m_workers);
    return error.empty() ? "" : "pcapWorkers: " + error;
}

std::string
SelmcastRunCapture::Attach(Ptr<SelmcastTopology> topology,
                           const SelmcastTrainingHelper& training,
                           const std::string& prefix)
{
    m_pcapFiles.clear();
    m_timelineWriter.reset();
    m_anim.reset(); // closes the previous run's XML
    m_links.reset();
    if (m_linkStats)
    {
        UintegerValue port;
        training.GetController()->GetAttribute("ControlPort", port);
        m_links = std::make_shared<SelmcastLinkStats>();
        m_links->Install(topology, static_cast<uint16_t>(port.Get()));
        // Written when the run is over; an unwritable folder was caught by the other files.
        Simulator::ScheduleDestroy(
            [links = m_links, path = prefix + "-links.csv"]() { links->Write(path); });
    }
    if (m_pcap)
    {
        m_pcapFiles = SelmcastPcapHelper::Enable(topology, prefix, m_workers);
    }
    if (m_timeline)
    {
        m_timelineWriter = std::make_unique<SelmcastTimeline>();
        std::string error = m_timelineWriter->Open(prefix + "-timeline.csv");
        if (!error.empty())
        {
            return error;
        }
        m_timelineWriter->Connect(training.GetController(),
                                  training.GetTrainers(),
                                  training.GetWorkers());
    }
#ifdef SELMCAST_HAVE_NETANIM
    if (m_netanim)
    {
        m_anim = std::make_shared<SelmcastNetAnim>();
        m_anim->Install(topology, training.GetController(), prefix + "-netanim.xml");
    }
#endif
    return "";
}

const std::vector<std::string>&
SelmcastRunCapture::GetPcapFiles() const
{
    return m_pcapFiles;
}

} // namespace ns3
