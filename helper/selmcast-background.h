/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SELMCAST_BACKGROUND_H
#define SELMCAST_BACKGROUND_H

#include "selmcast-topology-helper.h"

#include "ns3/application-container.h"
#include "ns3/object.h"
#include "ns3/random-variable-stream.h"

#include <cstdint>
#include <string>
#include <vector>

/**
 * \file
 * \ingroup selmcast
 * Background traffic of other tenants: ns-3 TCP flows between the workers' nodes that compete
 * with the training's transfers on the access and fabric links.
 */

namespace ns3
{

/**
 * \ingroup selmcast
 * One background flow as measured.
 */
struct SelmcastBackgroundFlow
{
    uint32_t source{0};      //!< worker index of the sending node
    uint32_t sink{0};        //!< worker index of the receiving node
    double offeredBps{0};    //!< the OnOff application's rate
    uint64_t received{0};    //!< bytes the sink received
    double throughputBps{0}; //!< received bytes x 8 over the time the flow ran
};

/**
 * \ingroup selmcast
 * Starts one TCP flow per worker node (an OnOffApplication, always on, at Load x the worker's
 * ingress rate, writing whole segments of SegmentSize bytes) to a PacketSink on another worker's
 * node, chosen uniformly among the workers on other routers (any other worker when all share one
 * router), so the flows cross the fabric. The flows are other tenants' traffic on the same hosts:
 * the training's controller does not know them, and they share the links with its transfers.
 * Choices and the applications' draws follow RngRun through AssignStreams.
 */
class SelmcastBackgroundTraffic : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    SelmcastBackgroundTraffic();

    /**
     * \return an empty string when the attributes are valid, else the problem and its range
     */
    std::string Validate() const;

    /**
     * Install the flows (nothing when Load is 0); they start at Start.
     * \param topology the network
     */
    void Install(Ptr<SelmcastTopology> topology);

    /**
     * \param stream first stream to use
     * \return the number of streams used
     */
    int64_t AssignStreams(int64_t stream);

    /**
     * Read the sinks (call before Simulator::Destroy).
     * \return one record per flow
     */
    std::vector<SelmcastBackgroundFlow> Report() const;

  protected:
    void DoDispose() override;

  private:
    /**
     * \param topology the network
     * \return the flows' write and TCP segment size in bytes (SegmentSize, or from the MTU)
     */
    uint32_t SegmentBytes(Ptr<SelmcastTopology> topology) const;

    double m_load;                               //!< fraction of each source's ingress rate
    std::string m_socketFactory;                 //!< TCP or UDP socket factory
    uint16_t m_port;                             //!< the sinks' port
    uint32_t m_segmentSize;                      //!< write and TCP segment size (0: from MTU)
    Time m_start;                                //!< when the flows start
    Ptr<UniformRandomVariable> m_choice;         //!< picks each flow's sink
    ApplicationContainer m_sources;              //!< the OnOff applications
    ApplicationContainer m_sinks;                //!< the PacketSinks, one per flow
    std::vector<SelmcastBackgroundFlow> m_flows; //!< the flows as installed
};

} // namespace ns3

#endif /* SELMCAST_BACKGROUND_H */
