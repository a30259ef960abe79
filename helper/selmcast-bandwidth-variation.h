/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SELMCAST_BANDWIDTH_VARIATION_H
#define SELMCAST_BANDWIDTH_VARIATION_H

#include "selmcast-topology-helper.h"

#include "ns3/data-rate.h"
#include "ns3/event-id.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/random-variable-stream.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <string>
#include <vector>

/**
 * \file
 * \ingroup selmcast
 * Time-varying access bandwidth (spec section 7): every DeltaT each worker port gets
 * b = (1 - gamma) b_fixed + gamma b_random on its real device.
 */

namespace ns3
{

/**
 * \ingroup selmcast
 * Varies the workers' access-link rates during a run, as the paper's SSP sweep over gamma does:
 * every DeltaT, every port's rate becomes b = (1 - gamma) b_fixed + gamma b_random.
 *
 * - b_fixed is the rate the topology gave the port when it was built
 *   (SelmcastTopology::GetIngressRate / GetEgressRate, which keep reporting it).
 * - b_random is drawn afresh per port and per change from the paper's distribution:
 *   egress b (1 + lambda x), ingress b mu (1 + lambda y), x and y uniform in [-1, 1], through an
 *   ns-3 UniformRandomVariable (so RngRun changes the draws and AssignStreams fixes the stream).
 *   Each change draws x_0 .. x_{n-1}, then y_0 .. y_{n-1}, whatever gamma is: runs that differ
 *   only in gamma see the same draws, mixed differently.
 *
 * The rates are set on the devices themselves (PointToPointNetDevice::SetDataRate: ingress on
 * the worker's device, egress on the router's device of the access link), so the packets are
 * serialized at the new rates and the trainers report them in their next READY. The first
 * change happens when Start is called (so a run sees varied rates from its beginning), then one
 * every DeltaT until Stop.
 */
class SelmcastBandwidthVariation : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    /** A variation with default attributes: call SetTopology, then Start. */
    SelmcastBandwidthVariation();
    /** Nothing beyond DoDispose. */
    ~SelmcastBandwidthVariation() override;

    /**
     * Take the workers' access links and their rates as built (b_fixed).
     * \param topology what SelmcastTopologyHelper built
     */
    void SetTopology(Ptr<SelmcastTopology> topology);

    /**
     * Check the attributes without changing anything.
     * \return an empty string when valid, else a message naming the parameter and its range
     */
    std::string Validate() const;

    /**
     * Apply the first change now (at the current simulation time, as a scheduled event) and
     * one every DeltaT after it. Aborts when Validate fails or no topology was set.
     */
    void Start();

    /** Cancel the next change; the devices keep their current rates. */
    void Stop();

    /**
     * Fix the random stream of the b_random draws.
     * \param stream the stream index to use
     * \return the number of streams used (1)
     */
    int64_t AssignStreams(int64_t stream);

    /** \return how many changes were applied so far */
    uint32_t GetChanges() const;

    /**
     * \param i worker index
     * \return b^I_i as the topology built it
     */
    DataRate GetFixedIngress(uint32_t i) const;

    /**
     * \param i worker index
     * \return b^E_i as the topology built it
     */
    DataRate GetFixedEgress(uint32_t i) const;

    /**
     * The smallest and largest rate a change can give a port: b_fixed and the distribution's
     * extremes, mixed by gamma.
     * \param i worker index
     * \param ingress true for the ingress port, false for the egress port
     * \param[out] lowest the smallest possible rate, bit/s
     * \param[out] highest the largest possible rate, bit/s
     */
    void GetRange(uint32_t i, bool ingress, double& lowest, double& highest) const;

    /**
     * TracedCallback signature of RateChanged.
     * \param worker the worker index
     * \param ingress its new ingress rate (worker to router)
     * \param egress its new egress rate (router to worker)
     */
    typedef void (*RateChangedTracedCallback)(uint32_t worker, DataRate ingress, DataRate egress);

  protected:
    /** Cancel the next change and drop the topology. */
    void DoDispose() override;

  private:
    /** Draw and apply one change to every worker port, then schedule the next. */
    void Change();

    double m_gamma;  //!< weight of the random part, in [0, 1]
    Time m_deltaT;   //!< time between changes, > 0
    DataRate m_mean; //!< b, mean egress rate of the random part
    double m_lambda; //!< relative spread of the random part, in [0, 1)
    double m_mu;     //!< mean ingress over mean egress of the random part, > 0

    Ptr<SelmcastTopology> m_topology;      //!< the network
    std::vector<DataRate> m_fixedIngress;  //!< b_fixed of every worker's ingress port
    std::vector<DataRate> m_fixedEgress;   //!< b_fixed of every worker's egress port
    Ptr<UniformRandomVariable> m_variable; //!< x and y, uniform in [-1, 1]
    EventId m_event;                       //!< the next change
    uint32_t m_changes;                    //!< changes applied

    /// Fired for every worker at every change, after its devices got the new rates.
    TracedCallback<uint32_t, DataRate, DataRate> m_rateChangedTrace;
};

} // namespace ns3

#endif /* SELMCAST_BANDWIDTH_VARIATION_H */
