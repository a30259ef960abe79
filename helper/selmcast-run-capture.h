/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SELMCAST_RUN_CAPTURE_H
#define SELMCAST_RUN_CAPTURE_H

#include "selmcast-args.h"
#include "selmcast-link-stats.h"
#include "selmcast-timeline.h"
#include "selmcast-topology-helper.h"
#include "selmcast-training-helper.h"

#include "ns3/command-line.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

/**
 * \file
 * \ingroup selmcast
 * The "look at a run" options of the packet-level examples (--pcap, --pcapWorkers, --timeline,
 * --netanim, --linkStats), checked with the other parameters and attached to a built run.
 */

namespace ns3
{

class SelmcastNetAnim;

/**
 * \ingroup selmcast
 * What a researcher asked to see of one run, from the command line of selmcast-bsp,
 * selmcast-ssp and selmcast-compare.
 *
 * Use: AddArguments before SelmcastArgs::Parse; Validate with the other parameters, before any
 * file is written; Attach after the run is built (its folder must exist), before it runs.
 */
class SelmcastRunCapture
{
  public:
    /**
     * Register --pcap, --pcapWorkers, --timeline, --netanim and --linkStats.
     * \param args the example's arguments (this object must outlive their Parse)
     */
    void AddArguments(SelmcastArgs& args);

    /**
     * \param n the number of workers of the run
     * \return an empty string when valid, else a message naming the option and its range
     * (--netanim is refused by a build without NetAnim support)
     */
    std::string Validate(uint32_t n);

    /**
     * \return whether this build has --netanim: the module was built with ns-3's netanim
     * module (cmake/optional-netanim.cmake)
     */
    static bool HasNetAnim();

    /**
     * Enable what was asked for on a built run: pcap files `<prefix>-<role>-node<N>-dev<D>.pcap`
     * (SelmcastPcapHelper), the events CSV `<prefix>-timeline.csv` (SelmcastTimeline), the
     * NetAnim XML `<prefix>-netanim.xml` (SelmcastNetAnim).
     * \param topology the run's network
     * \param training the run's installed training job
     * \param prefix path and file-name prefix of the run's files (e.g. outDir/selmcast-bsp)
     * \return an empty string, or why a file cannot be written
     */
    std::string Attach(Ptr<SelmcastTopology> topology,
                       const SelmcastTrainingHelper& training,
                       const std::string& prefix);

    /** \return the pcap files of the last Attach (empty without --pcap) */
    const std::vector<std::string>& GetPcapFiles() const;

  private:
    /**
     * --pcapWorkers: keep the whole value (CommandLine's own string parsing stops at a space).
     * \param value the value as given
     * \return true (Validate checks it, with the other parameters)
     */
    bool SetPcapWorkers(std::string value);

    bool m_pcap{false};                   //!< --pcap
    std::string m_pcapWorkers;            //!< --pcapWorkers, as given
    bool m_pcapWorkersGiven{false};       //!< --pcapWorkers was on the command line
    std::vector<uint32_t> m_workers;      //!< --pcapWorkers, parsed (empty: every device)
    std::vector<std::string> m_pcapFiles; //!< the last Attach's pcap files
    bool m_timeline{false};               //!< --timeline
    std::unique_ptr<SelmcastTimeline> m_timelineWriter; //!< the last Attach's events CSV
    bool m_netanim{false};                              //!< --netanim
    bool m_linkStats{false};                            //!< --linkStats
    // shared with the Simulator::Destroy event that writes them: they outlive the run.
    std::shared_ptr<SelmcastLinkStats> m_links; //!< the last Attach's link counters
    // shared_ptr: it deletes an incomplete type, so this header compiles without NetAnim.
    std::shared_ptr<SelmcastNetAnim> m_anim; //!< the last Attach's animation
};

} // namespace ns3

#endif /* SELMCAST_RUN_CAPTURE_H */
