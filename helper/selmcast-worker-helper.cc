/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "selmcast-worker-helper.h"

#include "ns3/node.h"
#include "ns3/selmcast-worker.h"
#include "ns3/uinteger.h"

namespace ns3
{

SelmcastWorkerHelper::SelmcastWorkerHelper()
{
    m_factory.SetTypeId(SelmcastWorker::GetTypeId());
}

void
SelmcastWorkerHelper::SetAttribute(std::string name, const AttributeValue& value)
{
    m_factory.Set(name, value);
}

ApplicationContainer
SelmcastWorkerHelper::Install(NodeContainer c, uint32_t first) const
{
    ApplicationContainer apps;
    for (uint32_t i = 0; i < c.GetN(); ++i)
    {
        apps.Add(Install(c.Get(i), first + i));
    }
    return apps;
}

ApplicationContainer
SelmcastWorkerHelper::Install(Ptr<Node> node, uint32_t workerId) const
{
    Ptr<SelmcastWorker> worker = m_factory.Create<SelmcastWorker>();
    worker->SetAttribute("WorkerId", UintegerValue(workerId));
    node->AddApplication(worker);
    return ApplicationContainer(worker);
}

} // namespace ns3
